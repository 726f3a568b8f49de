package dev.triad.graph.keras;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.SplittableRandom;

/** A small synthetic classification set: three Gaussian blobs in 4 dimensions. */
final class Blobs {
    private Blobs() {}

    /** {@code n} examples: inputs f32 [n, 4] and i64 labels [n]. */
    static HostArray[] make(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{2, 0, 0, 1}, {-2, 1, 0, -1}, {0, -2, 2, 0}};
        double[] x = new double[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            y[i] = c;
            for (int d = 0; d < 4; d++) x[i * 4 + d] = centres[c][d] + 0.6 * r.nextGaussian();
        }
        return new HostArray[] {HostArray.fromDoubles(DType.F32, Shape.of(n, 4), x), HostArray.fromLongs(DType.I64, Shape.of(n), y)};
    }
}
