package dev.triad.bench;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.SplittableRandom;

/**
 * Seeded input data for benchmarks. The same seed gives the same floats in every fork and on
 * every backend, so a check's reference is computed from exactly what the backend saw.
 */
public final class HostData {
    private HostData() {}

    /** {@code n} floats uniform in {@code [lo, hi)}. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return out;
    }

    /** An F32 host array of {@code values} in {@code shape}. */
    public static HostArray f32(Shape shape, float[] values) { return HostArray.fromFloats(DType.F32, shape, values); }

    /** Integer labels in {@code [0, classes)}. */
    public static long[] labels(long seed, int n, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = r.nextInt(classes);
        return out;
    }

    /** Parses {@code "AxBxC"} into dimensions. */
    public static long[] dims(String text) {
        String[] parts = text.trim().split("x");
        long[] d = new long[parts.length];
        for (int i = 0; i < parts.length; i++) d[i] = Long.parseLong(parts[i].trim());
        return d;
    }

    /** The product of {@code dims} as an int (benchmark arrays stay below 2^31 elements). */
    public static int numel(long... dims) {
        long n = 1;
        for (long d : dims) n *= d;
        return Math.toIntExact(n);
    }
}
