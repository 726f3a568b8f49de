package dev.triad.backend.cpu.onednn;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.onednn.DnnlTesting.DNNL;
import static dev.triad.backend.cpu.onednn.DnnlTesting.JAVA;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** oneDNN matmul against the Java kernel on the same strided, broadcast and batched views. */
class DnnlMatmulTest {
    /** One case: shapes of a and b as stored, and how each is viewed before the product. */
    private record Case(long[] aShape, long[] bShape, String aView, String bView) {}

    @Test
    void matchesTheJavaKernelOnEveryLayout() {
        DnnlTesting.assumeLoaded();
        long before = DnnlTesting.LOADED.runtime().executions();
        Case[] cases = {
            new Case(new long[] {5, 7}, new long[] {7, 3}, "", ""),
            new Case(new long[] {128, 784}, new long[] {256, 784}, "", "t"),
            new Case(new long[] {128, 784}, new long[] {128, 256}, "t", ""),
            new Case(new long[] {3, 6, 4}, new long[] {4, 5}, "", ""),
            new Case(new long[] {2, 1, 6, 4}, new long[] {3, 4, 5}, "", ""),
            new Case(new long[] {6, 4}, new long[] {2, 4, 5}, "", ""),
            new Case(new long[] {6, 4}, new long[] {4, 5}, "flip", ""),
            new Case(new long[] {6, 4}, new long[] {4, 5}, "", "flip"),
            new Case(new long[] {2, 3, 6, 4}, new long[] {2, 3, 5, 4}, "", "t"),
            new Case(new long[] {6, 8}, new long[] {4, 5}, "every2", ""),
            new Case(new long[] {1, 6, 4}, new long[] {3, 4, 5}, "expand3", ""),
        };
        Random rng = new Random(3);
        for (Case c : cases) {
            double[] av = DnnlTesting.random(rng, Shape.of(c.aShape()).numel()), bv = DnnlTesting.random(rng, Shape.of(c.bShape()).numel());
            double[] expected = product(JAVA, c, av, bv), got = product(DNNL, c, av, bv);
            assertClose(expected, got, 1e-4, java.util.Arrays.toString(c.aShape()) + " x " + java.util.Arrays.toString(c.bShape()) + " " + c.aView() + "/" + c.bView());
        }
        assertTrue(DnnlTesting.LOADED.runtime().executions() > before, "oneDNN ran");
    }

    private static double[] product(dev.triad.spi.backend.Backend backend, Case c, double[] av, double[] bv) {
        try (DnnlTesting.ViewOps o = new DnnlTesting.ViewOps(backend)) {
            DeviceArray a = view(o, o.upload(c.aShape(), av), c.aView());
            DeviceArray b = view(o, o.upload(c.bShape(), bv), c.bView());
            DeviceArray r = o.apply(Prims.MATMUL, Attrs.EMPTY, List.of(a, b));
            return backend.download(r).toDoubles();
        }
    }

    private static DeviceArray view(DnnlTesting.ViewOps o, DeviceArray x, String how) {
        int r = o.rank(x);
        return switch (how) {
            case "t" -> o.transposeLast2(x);
            case "flip" -> o.flip(x, r - 1);
            case "every2" -> o.slice(x, new long[] {0, 0}, new long[] {o.shape(x).dim(0), o.shape(x).dim(1)}, new long[] {1, 2});
            case "expand3" -> o.broadcastTo(x, o.shape(x).withDim(0, 3));
            default -> x;
        };
    }
}
