package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;

import java.util.random.RandomGenerator;

/**
 * {@code (x - mean[c]) / std[c]} for each channel {@code c} of an F32 {@code [C, H, W]} image;
 * one mean and std may serve every channel.
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    /** Per-channel statistics (arrays of equal length; std must be positive). */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) throw new IllegalArgumentException("mean and std need the same, non-zero length");
        for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std must be positive, got " + s);
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** One mean and std for every channel. */
    public Normalize(float mean, float std) {
        this(new float[] {mean}, new float[] {std});
    }

    @Override
    public HostArray apply(HostArray input, RandomGenerator random) {
        float[] x = Images.floats("normalize", input);
        int c = (int) input.shape().dim(0);
        if (mean.length != 1 && mean.length != c) throw new ShapeException("normalize", "has " + mean.length + " channel statistics for an image with " + c + " channels");
        int plane = c == 0 ? 0 : x.length / c;
        for (int ch = 0; ch < c; ch++) {
            float m = mean[mean.length == 1 ? 0 : ch], inv = 1f / std[std.length == 1 ? 0 : ch];
            for (int i = ch * plane, end = i + plane; i < end; i++) x[i] = (x[i] - m) * inv;
        }
        return Images.of(x, input.shape().toArray());
    }
}
