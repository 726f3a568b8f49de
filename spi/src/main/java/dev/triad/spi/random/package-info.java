/**
 * Counter-based random numbers: the Threefry-2x32 generator with JAX's key and counter
 * conventions, so that one seed gives the same bits on every backend and in every front-end.
 */
package dev.triad.spi.random;
