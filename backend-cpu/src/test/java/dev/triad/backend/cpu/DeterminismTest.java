package dev.triad.backend.cpu;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The same inputs give bitwise the same sums and products before and after the JIT compiles
 * the kernels: training runs must be reproducible and resumable within one process.
 */
class DeterminismTest {
    @Test
    void sumsAndMatmulsAreBitwiseStableAcrossJitWarmUp() {
        try (Backend b = new CpuBackendProvider().open(); BackendOps ops = new BackendOps(b)) {
            SplittableRandom r = new SplittableRandom(7);
            double[] v = new double[3000];
            for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
            DeviceArray x = ops.upload(HostArray.fromDoubles(DType.F32, Shape.of(3000), v));
            DeviceArray m = ops.upload(HostArray.fromDoubles(DType.F32, Shape.of(3, 1000), java.util.Arrays.copyOf(v, 3000)));
            DeviceArray col = ops.upload(HostArray.fromDoubles(DType.F32, Shape.of(1000, 1), java.util.Arrays.copyOf(v, 1000)));
            float[] firstSum = b.download(ops.sum(x)).toFloats();
            float[] firstDot = b.download(ops.matmul(m, col)).toFloats();
            for (int i = 0; i < 6000; i++) {
                try (BackendOps inner = new BackendOps(b)) {
                    assertArrayEquals(firstSum, b.download(inner.sum(x)).toFloats(), "sum changed at iteration " + i);
                    assertArrayEquals(firstDot, b.download(inner.matmul(m, col)).toFloats(), "matmul changed at iteration " + i);
                }
            }
        }
    }
}
