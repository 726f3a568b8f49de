package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.longs;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowTest {
    private static Attrs window(int[] w, int[] s, int[] lo, int[] hi) {
        return Attrs.builder().put(Keys.WINDOW, w).put(Keys.STRIDES, s).put(Keys.PAD_LOW, lo).put(Keys.PAD_HIGH, hi).build();
    }

    @Test
    void maxAndSumPoolingWithPadding() {
        // [1, 1, 3, 3] of 0..8, 2x2 windows, stride 2, one row/column of padding after.
        Attrs a = window(new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[] {0, 0, 0, 0}, new int[] {0, 0, 1, 1});
        try (DeviceArray x = iota(DType.F32, 1, 1, 3, 3)) {
            DeviceArray mx = run(Prims.REDUCE_WINDOW_MAX, a, x);
            DeviceArray sm = run(Prims.REDUCE_WINDOW_SUM, a, x);
            assertValues(new double[] {4, 5, 7, 8}, mx);
            assertValues(new double[] {0 + 1 + 3 + 4, 2 + 5, 6 + 7, 8}, sm);
            CpuTesting.close(mx, sm);
        }
        try (DeviceArray x = array(DType.I32, new long[] {3}, -5, -7, -9)) {
            // Padding never wins a max, even against negative integers.
            DeviceArray mx = run(Prims.REDUCE_WINDOW_MAX, window(new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1}), x);
            assertArrayEquals(new long[] {-5, -5, -7, -9}, longs(mx));
            mx.close();
        }
    }

    @Test
    void selectAndScatterAddSendsEachSourceToTheFirstMaximum() {
        // Windows of 3 with stride 1 over [1, 3, 3, 2]: maxima at index 1 for both windows (first of the tie).
        Attrs a = window(new int[] {3}, new int[] {1}, new int[] {0}, new int[] {0});
        try (DeviceArray x = array(DType.F64, new long[] {4}, 1, 3, 3, 2); DeviceArray src = array(DType.F64, new long[] {2}, 10, 20)) {
            DeviceArray s = run(Prims.SELECT_AND_SCATTER_ADD, a, src, x);
            assertValues(new double[] {0, 30, 0, 0}, s);
            DeviceArray t = array(DType.F64, new long[] {4}, 100, 200, 300, 400);
            DeviceArray g = run(Prims.SELECT_AND_GATHER, a, t, x);
            assertValues(new double[] {200, 200}, g);
            // A flipped tangent: selected offsets relative to its first element are negative.
            DeviceArray flipped = CpuTesting.view(t, 3, new long[] {4}, new long[] {-1});
            DeviceArray gf = run(Prims.SELECT_AND_GATHER, a, flipped, x);
            assertValues(new double[] {300, 300}, gf);
            CpuTesting.close(s, t, g, flipped, gf);
        }
    }

    /** The two select ops are transposes: {@code <gather(t), s> == <t, scatter(s)>} on random data. */
    @Test
    void selectPairAreTransposes() {
        Random rng = new Random(3);
        Attrs a = window(new int[] {1, 2, 3, 2}, new int[] {1, 1, 2, 2}, new int[] {0, 1, 1, 0}, new int[] {0, 0, 1, 1});
        long[] shape = {2, 3, 7, 6};
        int n = 2 * 3 * 7 * 6;
        double[] xv = new double[n], tv = new double[n];
        for (int i = 0; i < n; i++) {
            xv[i] = rng.nextInt(5);
            tv[i] = rng.nextGaussian();
        }
        try (DeviceArray x = array(DType.F64, shape, xv); DeviceArray t = array(DType.F64, shape, tv)) {
            DeviceArray g = run(Prims.SELECT_AND_GATHER, a, t, x);
            double[] sv = new double[(int) g.type().numel()];
            for (int i = 0; i < sv.length; i++) sv[i] = rng.nextGaussian();
            DeviceArray s = array(DType.F64, g.shape().toArray(), sv);
            DeviceArray sc = run(Prims.SELECT_AND_SCATTER_ADD, a, s, x);
            double lhs = dot(values(g), sv), rhs = dot(tv, values(sc));
            assertEquals(lhs, rhs, 1e-9 * Math.max(1, Math.abs(lhs)));
            CpuTesting.close(g, s, sc);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
