package dev.triad.conformance.spec;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.SplittableRandom;

/**
 * Fixed integer values kept exact for integer dtypes (a {@code double} cannot hold 2^53 + 1),
 * repeated to fill the shape; floating dtypes get them rounded.
 *
 * @param longs the values
 */
public record ExactLongs(long... longs) implements ValueGen {
    @Override
    public double[] values(DType t, Shape s, SplittableRandom r) {
        double[] v = new double[(int) s.numel()];
        for (int i = 0; i < v.length; i++) v[i] = longs[i % longs.length];
        return v;
    }

    /** The values filling {@code s}. */
    public long[] fill(Shape s) {
        long[] v = new long[(int) s.numel()];
        for (int i = 0; i < v.length; i++) v[i] = longs[i % longs.length];
        return v;
    }
}
