package dev.triad.backend.cpu.onednn;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.onednn.DnnlTesting.DNNL;
import static dev.triad.backend.cpu.onednn.DnnlTesting.JAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused oneDNN softmax, log-softmax, layer norm and batch norm against the decompositions
 * the Java-only backend runs: several axes and ranks, and the cases the fused kernels must
 * decline (non-finite values, transposed input) still give the decomposition's answer.
 */
class DnnlNormalizationTest {
    private static final double TOL = 1e-5;

    @Test
    void theBackendDeclaresTheFusedCompositesOnlyWithOneDnn() {
        DnnlTesting.assumeLoaded();
        for (Primitive p : List.of(Prims.SOFTMAX, Prims.LAYER_NORM, Prims.BATCH_NORM)) {
            assertTrue(DNNL.hasFusedKernel(p), p.name());
            assertFalse(JAVA.hasFusedKernel(p), p.name());
        }
        // oneDNN's log-softmax is less accurate than the decomposition (see DnnlSoftmax).
        assertFalse(DNNL.hasFusedKernel(Prims.LOG_SOFTMAX));
        assertFalse(DNNL.hasFusedKernel(Prims.GELU));
    }

    @Test
    void softmaxIsAsAccurateAsTheDecompositionAlongEveryAxis() {
        DnnlTesting.assumeLoaded();
        long before = DnnlTesting.LOADED.runtime().executions();
        Random rng = new Random(11);
        long[][] shapes = {{128, 10}, {4, 5, 6}, {3, 1000}};
        for (long[] shape : shapes) {
            double[] x = scaled(DnnlTesting.random(rng, Shape.of(shape).numel()), 8);
            for (int axis = -1; axis < shape.length; axis++) {
                Attrs a = Attrs.builder().put(Keys.AXIS, axis < 0 ? shape.length - 1 : axis).build();
                int ax = axis < 0 ? shape.length - 1 : axis;
                for (Primitive p : List.of(Prims.SOFTMAX, Prims.LOG_SOFTMAX)) {
                    double[] want = reference(x, shape, ax, p == Prims.LOG_SOFTMAX);
                    String what = p.name() + " of " + Shape.of(shape) + " along " + axis;
                    double errJava = maxError(want, run(JAVA, p, a, List.of(shape), List.of(x)));
                    double errDnnl = maxError(want, run(DNNL, p, a, List.of(shape), List.of(x)));
                    // Both within float32 accuracy of the float64 result; oneDNN no worse than 4x the Java decomposition.
                    assertTrue(errDnnl <= TOL, what + ": oneDNN error " + errDnnl);
                    assertTrue(errJava <= TOL, what + ": Java error " + errJava);
                    assertTrue(errDnnl <= Math.max(4 * errJava, 1e-6), what + ": oneDNN error " + errDnnl + " vs Java " + errJava);
                }
            }
        }
        assertTrue(DnnlTesting.LOADED.runtime().executions() > before, "oneDNN ran");
    }

    @Test
    void layerNormAndBatchNormMatchTheDecomposition() {
        DnnlTesting.assumeLoaded();
        long before = DnnlTesting.LOADED.runtime().executions();
        Random rng = new Random(12);
        for (int k = 1; k <= 2; k++) {
            long[] x = {6, 7, 16};
            long[] params = k == 1 ? new long[] {16} : new long[] {7, 16};
            Attrs a = Attrs.builder().put(Keys.NORMALIZED_NDIM, k).put(Keys.EPS, 1e-5).build();
            List<long[]> shapes = List.of(x, params, params);
            List<double[]> values = List.of(scaled(DnnlTesting.random(rng, 6 * 7 * 16), 3),
                    DnnlTesting.random(rng, Shape.of(params).numel()), DnnlTesting.random(rng, Shape.of(params).numel()));
            assertClose(run(JAVA, Prims.LAYER_NORM, a, shapes, values), run(DNNL, Prims.LAYER_NORM, a, shapes, values), 1e-5,
                    "layer_norm over the last " + k);
        }
        for (long[] x : new long[][] {{8, 3}, {4, 3, 5, 5}, {2, 4, 3, 3, 3}}) {
            Attrs a = Attrs.builder().put(Keys.EPS, 1e-3).build();
            long c = x[1];
            List<long[]> shapes = List.of(x, new long[] {c}, new long[] {c});
            List<double[]> values = List.of(scaled(DnnlTesting.random(rng, Shape.of(x).numel()), 2),
                    DnnlTesting.random(rng, c), DnnlTesting.random(rng, c));
            assertClose(run(JAVA, Prims.BATCH_NORM, a, shapes, values), run(DNNL, Prims.BATCH_NORM, a, shapes, values), 1e-5,
                    "batch_norm of " + Shape.of(x));
        }
        assertTrue(DnnlTesting.LOADED.runtime().executions() > before, "oneDNN ran");
    }

    @Test
    void nonFiniteInputsRunTheDecomposition() {
        DnnlTesting.assumeLoaded();
        double[] x = {1, Double.NaN, 3, 4, 5, Double.POSITIVE_INFINITY, -1, 0};
        Attrs a = Attrs.builder().put(Keys.AXIS, 1).build();
        for (Primitive p : List.of(Prims.SOFTMAX, Prims.LOG_SOFTMAX)) {
            double[] want = run(JAVA, p, a, List.<long[]>of(new long[] {2, 4}), List.of(x));
            double[] got = run(DNNL, p, a, List.<long[]>of(new long[] {2, 4}), List.of(x));
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]), p.name() + " element " + i + ": " + want[i] + " vs " + got[i]);
            }
        }
    }

    @Test
    void aDeclinedCaseLeavesNothingLive() {
        DnnlTesting.assumeLoaded();
        long live = DNNL.allocator().stats().liveBytes();
        double[] x = {Double.NaN, 1, 2, 3};
        run(DNNL, Prims.SOFTMAX, Attrs.builder().put(Keys.AXIS, 0).build(), List.<long[]>of(new long[] {4}), List.of(x));
        assertEquals(live, DNNL.allocator().stats().liveBytes());
    }

    /** Softmax or log-softmax in float64 along {@code axis} of a row-major array. */
    private static double[] reference(double[] x, long[] shape, int axis, boolean log) {
        long inner = 1;
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        long n = shape[axis], outer = x.length / (n * inner);
        double[] y = new double[x.length];
        for (long o = 0; o < outer; o++) {
            for (long in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (long k = 0; k < n; k++) max = Math.max(max, x[(int) ((o * n + k) * inner + in)]);
                for (long k = 0; k < n; k++) sum += Math.exp(x[(int) ((o * n + k) * inner + in)] - max);
                for (long k = 0; k < n; k++) {
                    int at = (int) ((o * n + k) * inner + in);
                    y[at] = log ? x[at] - max - Math.log(sum) : Math.exp(x[at] - max) / sum;
                }
            }
        }
        return y;
    }

    /** The largest error relative to max(1, |expected|). */
    private static double maxError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        return worst;
    }

    private static double[] scaled(double[] v, double s) {
        for (int i = 0; i < v.length; i++) v[i] *= s;
        return v;
    }

    private static double[] run(Backend b, Primitive p, Attrs a, List<long[]> shapes, List<double[]> values) {
        List<DeviceArray> in = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) in.add(DnnlTesting.upload(b, shapes.get(i), values.get(i)));
        try (DeviceArray out = Dispatch.execute(b, p, a, in)) {
            return b.download(out).toDoubles();
        } finally {
            for (DeviceArray d : in) d.close();
        }
    }
}
