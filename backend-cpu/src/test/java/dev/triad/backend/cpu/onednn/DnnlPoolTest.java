package dev.triad.backend.cpu.onednn;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.onednn.DnnlTesting.DNNL;
import static dev.triad.backend.cpu.onednn.DnnlTesting.JAVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * oneDNN max pooling and its gradient against the Java kernels, bit for bit: values after a
 * ReLU (so most windows tie at zero and the first maximum must win), strides, padding, 1-d to
 * 3-d, and an operand with a NaN (which must take the Java path and propagate).
 */
class DnnlPoolTest {
    private record Case(long[] x, int[] window, int[] strides, int[] lo, int[] hi) {
        Attrs attrs() {
            return Attrs.builder().put(Keys.WINDOW, window).put(Keys.STRIDES, strides).put(Keys.PAD_LOW, lo).put(Keys.PAD_HIGH, hi).build();
        }

        @Override
        public String toString() {
            return "x" + Arrays.toString(x) + " window" + Arrays.toString(window) + " strides" + Arrays.toString(strides)
                    + " pad" + Arrays.toString(lo) + Arrays.toString(hi);
        }
    }

    private static int[] i(int... v) { return v; }

    @Test
    void poolingAndItsGradientMatchTheJavaKernelsExactly() {
        DnnlTesting.assumeLoaded();
        long before = DnnlTesting.LOADED.runtime().executions();
        Case[] cases = {
            new Case(new long[] {4, 3, 28, 28}, i(1, 1, 2, 2), i(1, 1, 2, 2), i(0, 0, 0, 0), i(0, 0, 0, 0)),
            new Case(new long[] {2, 3, 9, 9}, i(1, 1, 3, 3), i(1, 1, 2, 2), i(0, 0, 1, 1), i(0, 0, 1, 1)),
            new Case(new long[] {2, 2, 7, 8}, i(1, 1, 3, 2), i(1, 1, 1, 2), i(0, 0, 0, 1), i(0, 0, 2, 0)),
            new Case(new long[] {3, 2, 17}, i(1, 1, 3), i(1, 1, 2), i(0, 0, 1), i(0, 0, 1)),
            new Case(new long[] {1, 2, 6, 6, 6}, i(1, 1, 2, 2, 2), i(1, 1, 2, 2, 2), i(0, 0, 0, 0, 0), i(0, 0, 0, 0, 0)),
        };
        Random rng = new Random(5);
        for (Case c : cases) {
            double[] xv = DnnlTesting.random(rng, Shape.of(c.x()).numel());
            // A ReLU: about half the elements become 0, so many windows tie.
            for (int k = 0; k < xv.length; k++) xv[k] = Math.max(0, xv[k]);
            List<double[]> expected = run(JAVA, c, xv), got = run(DNNL, c, xv);
            assertClose(expected.get(0), got.get(0), 0, "pooling of " + c);
            assertClose(expected.get(1), got.get(1), 0, "pooling gradient of " + c);
        }
        assertTrue(DnnlTesting.LOADED.runtime().executions() > before, "oneDNN ran");
    }

    @Test
    void aNaNIsTheMaximumOfItsWindow() {
        DnnlTesting.assumeLoaded();
        Case c = new Case(new long[] {1, 1, 4, 4}, i(1, 1, 2, 2), i(1, 1, 2, 2), i(0, 0, 0, 0), i(0, 0, 0, 0));
        double[] xv = new double[16];
        Arrays.fill(xv, 1);
        xv[5] = Double.NaN;
        List<double[]> got = run(DNNL, c, xv);
        assertTrue(Double.isNaN(got.get(0)[0]), "NaN propagates: " + Arrays.toString(got.get(0)));
        assertEquals(1.0, got.get(0)[1]);
    }

    /** The pooled values and the gradient for a cotangent of distinct values. */
    private static List<double[]> run(Backend backend, Case c, double[] xv) {
        try (DnnlTesting.ViewOps o = new DnnlTesting.ViewOps(backend)) {
            DeviceArray x = o.upload(c.x(), xv);
            DeviceArray y = o.apply(Prims.REDUCE_WINDOW_MAX, c.attrs(), List.of(x));
            double[] gv = new double[(int) y.shape().numel()];
            for (int k = 0; k < gv.length; k++) gv[k] = k + 1;
            DeviceArray g = o.upload(y.shape().toArray(), gv);
            DeviceArray dx = o.apply(Prims.SELECT_AND_SCATTER_ADD, c.attrs(), List.of(g, x));
            return List.of(backend.download(y).toDoubles(), backend.download(dx).toDoubles());
        }
    }
}
