package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.longs;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;
import static dev.triad.backend.cpu.CpuTesting.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReductionTest {
    private static Attrs axes(boolean keep, int... axes) {
        return Attrs.of(Keys.AXES, axes, Keys.KEEP_DIMS, keep);
    }

    @Test
    void sumOverEachAxisOfAMatrix() {
        try (DeviceArray x = iota(DType.F32, 2, 3)) {
            DeviceArray rows = run(Prims.REDUCE_SUM, axes(false, 1), x);
            DeviceArray cols = run(Prims.REDUCE_SUM, axes(true, 0), x);
            DeviceArray all = run(Prims.REDUCE_SUM, axes(false, 0, 1), x);
            assertValues(new double[] {3, 12}, rows);
            assertEquals(2, cols.shape().rank());
            assertValues(new double[] {3, 5, 7}, cols);
            assertValues(new double[] {15}, all);
            CpuTesting.close(rows, cols, all);
        }
    }

    @Test
    void reductionsReadBroadcastAndFlippedViews() {
        try (DeviceArray base = iota(DType.F64, 4)) {
            // [[3, 2, 1, 0], [3, 2, 1, 0], [3, 2, 1, 0]]: a flipped row broadcast over 3 rows.
            DeviceArray x = view(base, 3, new long[] {3, 4}, new long[] {0, -1});
            DeviceArray colMax = run(Prims.REDUCE_MAX, axes(false, 0), x);
            DeviceArray rowProd = run(Prims.REDUCE_PROD, axes(false, 1), x);
            DeviceArray rowMin = run(Prims.REDUCE_MIN, axes(false, 1), x);
            DeviceArray arg = run(Prims.ARGMAX, Attrs.of(Keys.AXIS, 1, Keys.KEEP_DIMS, false), x);
            assertValues(new double[] {3, 2, 1, 0}, colMax);
            assertValues(new double[] {0, 0, 0}, rowProd);
            assertValues(new double[] {0, 0, 0}, rowMin);
            assertArrayEquals(new long[] {0, 0, 0}, longs(arg));
            CpuTesting.close(x, colMax, rowProd, rowMin, arg);
        }
    }

    @Test
    void columnWalkMatchesRunWalkOnALargeInput() {
        int rows = 300, cols = 2500;
        try (DeviceArray x = iota(DType.F32, rows, cols)) {
            DeviceArray colSum = run(Prims.REDUCE_SUM, axes(false, 0), x);
            double[] got = values(colSum);
            for (int j = 0; j < cols; j++) {
                double expected = 0;
                for (int i = 0; i < rows; i++) expected += (float) (i * cols + j);
                // Float lanes per block of rows, blocks added in double: within a few float roundings.
                assertEquals(expected, got[j], 1e-6 * expected, "column " + j);
            }
            DeviceArray rowMax = run(Prims.REDUCE_MAX, axes(false, 1), x);
            double[] mx = values(rowMax);
            for (int i = 0; i < rows; i++) assertEquals((float) (i * cols + cols - 1), mx[i], 0.0);
            CpuTesting.close(colSum, rowMax);
        }
    }

    @Test
    void maxAndMinPropagateNaNAndArgmaxTakesTheFirstNaN() {
        try (DeviceArray x = array(DType.F32, new long[] {2, 40}, concat(row(40, 5, Double.NaN, 1), row(40, 7, 9, 9)))) {
            DeviceArray mx = run(Prims.REDUCE_MAX, axes(false, 1), x);
            DeviceArray mn = run(Prims.REDUCE_MIN, axes(false, 1), x);
            assertValues(new double[] {Double.NaN, 9}, mx);
            assertValues(new double[] {Double.NaN, 0}, mn);
            DeviceArray am = run(Prims.ARGMAX, Attrs.of(Keys.AXIS, 1, Keys.KEEP_DIMS, true), x);
            DeviceArray an = run(Prims.ARGMIN, Attrs.of(Keys.AXIS, 1, Keys.KEEP_DIMS, false), x);
            assertArrayEquals(new long[] {5, 7}, longs(am), "first NaN, then first of the tied maxima");
            assertArrayEquals(new long[] {5, 0}, longs(an));
            CpuTesting.close(mx, mn, am, an);
        }
    }

    /** A row of n zeros with {@code a} at {@code i} and {@code b} at {@code i + 1} (and {@code b} again two later). */
    private static double[] row(int n, int i, double a, double b) {
        double[] r = new double[n];
        r[i] = a;
        r[i + 1] = b;
        r[i + 3] = b;
        return r;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void emptyReductionsGiveTheIdentity() {
        try (DeviceArray x = array(DType.F32, new long[] {2, 0})) {
            DeviceArray s = run(Prims.REDUCE_SUM, axes(false, 1), x);
            DeviceArray p = run(Prims.REDUCE_PROD, axes(false, 1), x);
            assertValues(new double[] {0, 0}, s);
            assertValues(new double[] {1, 1}, p);
            CpuTesting.close(s, p);
        }
    }

    @Test
    void integerSumsWrapLikeTheType() {
        try (DeviceArray x = array(DType.I32, new long[] {2}, Integer.MAX_VALUE, 1); DeviceArray u = array(DType.U8, new long[] {3}, 200, 100, 1)) {
            DeviceArray s = run(Prims.REDUCE_SUM, axes(false, 0), x);
            DeviceArray su = run(Prims.REDUCE_SUM, axes(false, 0), u);
            assertArrayEquals(new long[] {Integer.MIN_VALUE}, longs(s));
            assertArrayEquals(new long[] {45}, longs(su));
            CpuTesting.close(s, su);
        }
    }
}
