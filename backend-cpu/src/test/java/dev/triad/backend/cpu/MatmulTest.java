package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.CpuTesting.longs;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;
import static dev.triad.backend.cpu.CpuTesting.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MatmulTest {
    private static final Random RNG = new Random(42);

    private static double[] random(int n, DType t) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Elements.roundTo(t, RNG.nextGaussian());
        return v;
    }

    /** Reference {@code [b, m, k] x [k, n]} (the right operand shared by every batch), in double. */
    private static double[] reference(double[] a, double[] b, int batch, int m, int k, int n) {
        double[] c = new double[batch * m * n];
        for (int q = 0; q < batch; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a[(q * m + i) * k + p] * b[p * n + j];
                    c[(q * m + i) * n + j] = s;
                }
            }
        }
        return c;
    }

    @Test
    void edgeSizesMatchTheReference() {
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {4, 32, 16}, {5, 33, 17}, {67, 300, 65}, {9, 0, 4}, {2, 3, 0}};
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int[] s : sizes) {
                int m = s[0], k = s[1], n = s[2];
                double[] av = random(m * k, t), bv = random(k * n, t);
                try (DeviceArray a = array(t, new long[] {m, k}, av); DeviceArray b = array(t, new long[] {k, n}, bv);
                     DeviceArray c = run(Prims.MATMUL, Attrs.EMPTY, a, b)) {
                    double tol = t == DType.F32 ? 1e-5 * Math.sqrt(k + 1) : 1e-13;
                    assertClose(reference(av, bv, 1, m, k, n), values(c), tol, t + " " + m + "x" + k + "x" + n);
                }
            }
        }
    }

    @Test
    void batchDimensionsBroadcastAndOperandsMayBeTransposedViews() {
        int batch = 3, m = 6, k = 20, n = 9;
        double[] av = random(batch * m * k, DType.F32), bt = random(n * k, DType.F32);
        // b is stored as [n, k] and read transposed, with a leading broadcast batch dimension of size 1.
        double[] bv = new double[k * n];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bv[p * n + j] = bt[j * k + p];
        try (DeviceArray a = array(DType.F32, new long[] {batch, m, k}, av); DeviceArray bStore = array(DType.F32, new long[] {n, k}, bt)) {
            DeviceArray b = view(bStore, 0, new long[] {1, k, n}, new long[] {0, 1, k});
            DeviceArray c = run(Prims.MATMUL, Attrs.EMPTY, a, b);
            assertClose(reference(av, bv, batch, m, k, n), values(c), 1e-5, "broadcast batch, transposed b");
            CpuTesting.close(b, c);
        }
    }

    @Test
    void fewRowsStreamBInEitherLayout() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int m : new int[] {1, 3}) {
                int k = 37, n = 70;
                double[] av = random(m * k, t), bt = random(n * k, t);
                double[] bv = new double[k * n];
                for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bv[p * n + j] = bt[j * k + p];
                double tol = t == DType.F32 ? 1e-5 : 1e-13;
                try (DeviceArray a = array(t, new long[] {m, k}, av); DeviceArray b = array(t, new long[] {k, n}, bv);
                     DeviceArray bStore = array(t, new long[] {n, k}, bt)) {
                    DeviceArray bT = view(bStore, 0, new long[] {k, n}, new long[] {1, k});
                    DeviceArray c1 = run(Prims.MATMUL, Attrs.EMPTY, a, b);
                    DeviceArray c2 = run(Prims.MATMUL, Attrs.EMPTY, a, bT);
                    double[] ref = reference(av, bv, 1, m, k, n);
                    assertClose(ref, values(c1), tol, t + " rows of b, m=" + m);
                    assertClose(ref, values(c2), tol, t + " columns of b, m=" + m);
                    CpuTesting.close(bT, c1, c2);
                }
            }
        }
    }

    @Test
    void manySmallProductsRunOnePerThread() {
        int batch = 64, m = 8, k = 8, n = 8;
        double[] av = random(batch * m * k, DType.F64), bv = random(k * n, DType.F64);
        try (DeviceArray a = array(DType.F64, new long[] {batch, m, k}, av); DeviceArray b = array(DType.F64, new long[] {k, n}, bv);
             DeviceArray c = run(Prims.MATMUL, Attrs.EMPTY, a, b)) {
            assertClose(reference(av, bv, batch, m, k, n), values(c), 1e-13, "64 small products");
        }
    }

    @Test
    void halfAndIntegerTypes() {
        double[] av = {1, 2, 3, 4, 5, 6}, bv = {1, 0, -1, 2, 1, 1};
        double[] ref = reference(av, bv, 1, 2, 3, 2);
        for (DType t : new DType[] {DType.BF16, DType.F16}) {
            try (DeviceArray a = array(t, new long[] {2, 3}, av); DeviceArray b = array(t, new long[] {3, 2}, bv);
                 DeviceArray c = run(Prims.MATMUL, Attrs.EMPTY, a, b)) {
                assertClose(ref, values(c), 0, t.toString());
            }
        }
        try (DeviceArray a = array(DType.I32, new long[] {2, 3}, av); DeviceArray b = array(DType.I32, new long[] {3, 2}, bv);
             DeviceArray c = run(Prims.MATMUL, Attrs.EMPTY, a, b)) {
            assertArrayEquals(new long[] {(long) ref[0], (long) ref[1], (long) ref[2], (long) ref[3]}, longs(c));
        }
    }
}
