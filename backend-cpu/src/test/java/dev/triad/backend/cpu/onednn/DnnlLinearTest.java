package dev.triad.backend.cpu.onednn;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.onednn.DnnlTesting.DNNL;
import static dev.triad.backend.cpu.onednn.DnnlTesting.JAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code linear} as one oneDNN matmul with bias, against float64: the MLP's layer shapes, a
 * batch of rank 3, a weight read through transposed strides, and the operands the fused kernel
 * declines (a strided x, a strided bias), which must still give the decomposition's answer.
 */
class DnnlLinearTest {
    private static final double TOL = 2e-5;

    @Test
    void theFusedKernelIsDeclaredOnlyWithOneDnn() {
        DnnlTesting.assumeLoaded();
        assertTrue(DNNL.hasFusedKernel(Prims.LINEAR));
        assertFalse(JAVA.hasFusedKernel(Prims.LINEAR));
    }

    @Test
    void linearMatchesFloat64AndRunsOnOneDnn() {
        DnnlTesting.assumeLoaded();
        Random rng = new Random(21);
        long[][][] cases = {{{128, 784}, {256, 784}}, {{128, 256}, {10, 256}}, {{2, 3, 5}, {4, 5}}, {{1, 7}, {1, 7}}};
        for (long[][] c : cases) {
            long[] xs = c[0], ws = c[1];
            long outF = ws[0];
            double[] x = DnnlTesting.random(rng, Shape.of(xs).numel()), w = DnnlTesting.random(rng, Shape.of(ws).numel()),
                    b = DnnlTesting.random(rng, outF);
            long before = DnnlTesting.LOADED.runtime().executions();
            try (DeviceArray dx = DnnlTesting.upload(DNNL, xs, x); DeviceArray dw = DnnlTesting.upload(DNNL, ws, w);
                 DeviceArray db = DnnlTesting.upload(DNNL, new long[] {outF}, b);
                 DeviceArray y = Dispatch.execute(DNNL, Prims.LINEAR, Attrs.EMPTY, List.of(dx, dw, db))) {
                assertClose(reference(x, w, b, ws[1], outF), DNNL.download(y).toDoubles(), TOL, "linear " + Shape.of(xs) + " x " + Shape.of(ws));
            }
            assertEquals(before + 1, DnnlTesting.LOADED.runtime().executions(), "one oneDNN call for " + Shape.of(xs));
        }
    }

    @Test
    void aTransposedWeightIsReadInPlace() {
        DnnlTesting.assumeLoaded();
        Random rng = new Random(22);
        long in = 6, out = 3;
        double[] x = DnnlTesting.random(rng, 4 * in), wt = DnnlTesting.random(rng, in * out), b = DnnlTesting.random(rng, out);
        double[] w = new double[(int) (out * in)];
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) w[(int) (o * in + i)] = wt[(int) (i * out + o)];
        try (DeviceArray dx = DnnlTesting.upload(DNNL, new long[] {4, in}, x); DeviceArray dwt = DnnlTesting.upload(DNNL, new long[] {in, out}, wt);
             DeviceArray dw = dwt.view(0, Shape.of(out, in), new long[] {1, out});
             DeviceArray db = DnnlTesting.upload(DNNL, new long[] {out}, b)) {
            long before = DnnlTesting.LOADED.runtime().executions();
            try (DeviceArray y = Dispatch.execute(DNNL, Prims.LINEAR, Attrs.EMPTY, List.of(dx, dw, db))) {
                assertClose(reference(x, w, b, in, out), DNNL.download(y).toDoubles(), TOL, "linear with a transposed weight");
            }
            assertEquals(before + 1, DnnlTesting.LOADED.runtime().executions(), "the weight was not copied first");
        }
    }

    @Test
    void stridedInputsFallBackToTheDecomposition() {
        DnnlTesting.assumeLoaded();
        Random rng = new Random(23);
        long in = 5, out = 4, rows = 3;
        double[] xt = DnnlTesting.random(rng, in * rows), w = DnnlTesting.random(rng, out * in), b2 = DnnlTesting.random(rng, 2 * out);
        double[] x = new double[(int) (rows * in)], b = new double[(int) out];
        for (int r = 0; r < rows; r++) for (int i = 0; i < in; i++) x[(int) (r * in + i)] = xt[(int) (i * rows + r)];
        for (int o = 0; o < out; o++) b[o] = b2[2 * o];
        try (DeviceArray dxt = DnnlTesting.upload(DNNL, new long[] {in, rows}, xt);
             DeviceArray dx = dxt.view(0, Shape.of(rows, in), new long[] {1, rows});
             DeviceArray dw = DnnlTesting.upload(DNNL, new long[] {out, in}, w);
             DeviceArray db2 = DnnlTesting.upload(DNNL, new long[] {2 * out}, b2);
             DeviceArray db = db2.view(0, Shape.of(out), new long[] {2});
             DeviceArray y = Dispatch.execute(DNNL, Prims.LINEAR, Attrs.EMPTY, List.of(dx, dw, db))) {
            assertClose(reference(x, w, b, in, out), DNNL.download(y).toDoubles(), TOL, "linear of strided operands");
        }
    }

    @Test
    void nonFiniteValuesPropagateAsInTheDecomposition() {
        DnnlTesting.assumeLoaded();
        double[] x = {1, Double.NaN, 2, 3, Double.POSITIVE_INFINITY, 0}, w = {1, 1, 1, 0, 0, 1}, b = {0.5, -0.5};
        try (DeviceArray dx = DnnlTesting.upload(DNNL, new long[] {2, 3}, x); DeviceArray dw = DnnlTesting.upload(DNNL, new long[] {2, 3}, w);
             DeviceArray db = DnnlTesting.upload(DNNL, new long[] {2}, b);
             DeviceArray y = Dispatch.execute(DNNL, Prims.LINEAR, Attrs.EMPTY, List.of(dx, dw, db));
             DeviceArray jx = DnnlTesting.upload(JAVA, new long[] {2, 3}, x); DeviceArray jw = DnnlTesting.upload(JAVA, new long[] {2, 3}, w);
             DeviceArray jb = DnnlTesting.upload(JAVA, new long[] {2}, b);
             DeviceArray want = Dispatch.execute(JAVA, Prims.LINEAR, Attrs.EMPTY, List.of(jx, jw, jb))) {
            double[] got = DNNL.download(y).toDoubles(), expected = JAVA.download(want).toDoubles();
            for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 0.0, "element " + i);
        }
    }

    /** {@code x w^T + b} in float64, x as {@code [rows, in]}. */
    private static double[] reference(double[] x, double[] w, double[] b, long in, long out) {
        int rows = (int) (x.length / in);
        double[] y = new double[(int) (rows * out)];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) s += (double) (float) x[(int) (r * in + i)] * (float) w[(int) (o * in + i)];
                y[(int) (r * out + o)] = s;
            }
        }
        return y;
    }
}
