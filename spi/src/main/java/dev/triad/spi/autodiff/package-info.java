/**
 * Generic differentiation over any {@link dev.triad.spi.ops.Ops}: rules of composites derived
 * from their decompositions, and reverse/forward mode over functions written against Ops.
 */
package dev.triad.spi.autodiff;
