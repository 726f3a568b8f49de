package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;

import java.util.random.RandomGenerator;

/** Mirrors an F32 {@code [C, H, W]} image left to right with probability {@code p}. */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** Flips with probability {@code p} in [0, 1]. */
    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        this.p = p;
    }

    /** Flips half of the images. */
    public RandomHorizontalFlip() { this(0.5); }

    @Override
    public HostArray apply(HostArray input, RandomGenerator random) {
        float[] x = Images.floats("random_horizontal_flip", input);
        // Always draw, so the generator advances the same way whether or not this image flips.
        if (random.nextDouble() >= p) return input;
        int w = (int) input.shape().dim(2);
        for (int row = 0; row + w <= x.length && w > 0; row += w) {
            for (int a = row, b = row + w - 1; a < b; a++, b--) {
                float t = x[a];
                x[a] = x[b];
                x[b] = t;
            }
        }
        return Images.of(x, input.shape().toArray());
    }
}
