/**
 * Variable initializers, as Keras names them (zeros, ones, constant, random uniform and normal,
 * Glorot and He). Random ones draw counter-based Threefry bits from their seed on the host, so
 * a seed gives the same initial weights on every backend and in every process.
 */
package dev.triad.graph.init;
