package dev.triad.conformance.spec;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.SplittableRandom;

/**
 * Makes the values of one sample input for a dtype. Generators are deterministic given the
 * random source, so every backend sees the same inputs.
 */
@FunctionalInterface
public interface ValueGen {
    /** {@code s.numel()} values, representable (after rounding) in {@code t}. */
    double[] values(DType t, Shape s, SplittableRandom r);
}
