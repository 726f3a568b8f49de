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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * oneDNN convolution against the Java kernel: the forward op and both gradients from the
 * spi's VJP rule, with operands as the eager front-end passes them (permuted and flipped
 * views), so the forward, backward-data and backward-weights mappings all run.
 */
class DnnlConvTest {
    /** x [N, C, s...], w [O, C/groups, k...] and the conv attributes. */
    private record Case(long[] x, long[] w, int[] stride, int[] lo, int[] hi, int[] lhsDil, int[] rhsDil, int groups) {
        Attrs attrs() {
            return Attrs.builder().put(Keys.STRIDES, stride).put(Keys.PAD_LOW, lo).put(Keys.PAD_HIGH, hi)
                    .put(Keys.LHS_DILATION, lhsDil).put(Keys.RHS_DILATION, rhsDil).put(Keys.GROUPS, groups).build();
        }

        @Override
        public String toString() {
            return "x" + Arrays.toString(x) + " w" + Arrays.toString(w) + " stride" + Arrays.toString(stride) + " pad" + Arrays.toString(lo)
                    + Arrays.toString(hi) + " dil" + Arrays.toString(lhsDil) + Arrays.toString(rhsDil) + " groups " + groups;
        }
    }

    private static int[] i(int... v) { return v; }

    private static long[] l(long... v) { return v; }

    @Test
    void forwardAndGradientsMatchTheJavaKernel() {
        DnnlTesting.assumeLoaded();
        long before = DnnlTesting.LOADED.runtime().executions();
        Case[] cases = {
            new Case(l(4, 1, 28, 28), l(32, 1, 3, 3), i(1, 1), i(1, 1), i(1, 1), i(1, 1), i(1, 1), 1),
            new Case(l(2, 3, 9, 9), l(4, 3, 3, 3), i(2, 2), i(1, 1), i(1, 1), i(1, 1), i(1, 1), 1),
            new Case(l(2, 3, 10, 11), l(4, 3, 3, 2), i(2, 3), i(0, 1), i(1, 0), i(1, 1), i(1, 1), 1),
            new Case(l(2, 4, 8, 8), l(6, 2, 3, 3), i(1, 1), i(1, 1), i(1, 1), i(1, 1), i(1, 1), 2),
            new Case(l(1, 2, 12, 12), l(3, 2, 3, 3), i(1, 1), i(2, 2), i(2, 2), i(1, 1), i(2, 2), 1),
            new Case(l(3, 2, 16), l(4, 2, 5), i(1), i(2), i(2), i(1), i(1), 1),
            new Case(l(1, 2, 5, 5, 5), l(2, 2, 2, 2, 2), i(1, 1, 1), i(0, 0, 0), i(1, 1, 1), i(1, 1, 1), i(1, 1, 1), 1),
            new Case(l(2, 2, 7, 7), l(3, 2, 3, 3), i(1, 1), i(-1, 0), i(1, 1), i(1, 1), i(1, 1), 1),
            new Case(l(2, 2, 5, 5), l(3, 2, 2, 2), i(1, 1), i(0, 0), i(0, 0), i(2, 2), i(1, 1), 1),
        };
        Random rng = new Random(11);
        for (Case c : cases) {
            double[] xv = DnnlTesting.random(rng, Shape.of(c.x()).numel()), wv = DnnlTesting.random(rng, Shape.of(c.w()).numel());
            List<double[]> expected = run(JAVA, c, xv, wv), got = run(DNNL, c, xv, wv);
            String[] what = {"forward", "input gradient", "weight gradient"};
            for (int k = 0; k < 3; k++) assertClose(expected.get(k), got.get(k), 1e-4, what[k] + " of " + c);
        }
        assertTrue(DnnlTesting.LOADED.runtime().executions() > before, "oneDNN ran");
    }

    /**
     * A flipped or broadcast input oneDNN cannot describe is packed; the plan cached for a dense
     * input of the same shape must not be reused for it.
     */
    @Test
    void packedInputsDoNotReuseTheDensePlan() {
        DnnlTesting.assumeLoaded();
        Case c = new Case(l(2, 3, 7), l(4, 3, 3), i(1), i(0), i(0), i(1), i(1), 1);
        Random rng = new Random(2);
        double[] xv = DnnlTesting.random(rng, 42), wv = DnnlTesting.random(rng, 36);
        for (String how : new String[] {"dense", "flip", "broadcast"}) {
            double[] expected = forward(JAVA, c, xv, wv, how), got = forward(DNNL, c, xv, wv, how);
            assertClose(expected, got, 1e-5, how + " input of " + c);
        }
    }

    private static double[] forward(Backend backend, Case c, double[] xv, double[] wv, String how) {
        try (DnnlTesting.ViewOps o = new DnnlTesting.ViewOps(backend)) {
            DeviceArray x = o.upload(c.x(), xv), w = o.upload(c.w(), wv);
            if (how.equals("flip")) x = o.flip(x, 2);
            if (how.equals("broadcast")) x = o.broadcastTo(o.sliceAxis(x, 0, 0, 1), Shape.of(c.x()));
            return backend.download(o.apply(Prims.CONV, c.attrs(), List.of(x, w))).toDoubles();
        }
    }

    /** The forward result and both gradients for a cotangent of ones-ish values. */
    private static List<double[]> run(Backend backend, Case c, double[] xv, double[] wv) {
        try (DnnlTesting.ViewOps o = new DnnlTesting.ViewOps(backend)) {
            DeviceArray x = o.upload(c.x(), xv), w = o.upload(c.w(), wv);
            DeviceArray y = o.apply(Prims.CONV, c.attrs(), List.of(x, w));
            double[] gv = new double[(int) y.shape().numel()];
            for (int k = 0; k < gv.length; k++) gv[k] = Math.sin(k);
            DeviceArray g = o.upload(y.shape().toArray(), gv);
            List<DeviceArray> grads = Prims.CONV.vjp(o, List.of(x, w), y, g, c.attrs());
            return List.of(backend.download(y).toDoubles(), backend.download(grads.get(0)).toDoubles(), backend.download(grads.get(1)).toDoubles());
        }
    }
}
