/**
 * The op IR's core abstractions: {@link dev.triad.spi.ops.Primitive} (one declaration per op,
 * with its shape rule, VJP, JVP and batching rule), typed attributes, and the generic algebra
 * {@link dev.triad.spi.ops.Ops} that every rule is written against and every front-end implements.
 */
package dev.triad.spi.ops;
