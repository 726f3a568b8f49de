package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModuleTest {
    /** The classic mistake: sizing the dense layer for 13x13 after a SAME 3x3 convolution and 2x2 pooling of 28x28 (which gives 14x14). */
    @Test
    void denseLayerSizedForTheWrongMapNamesLayerShapesAndCause() {
        Sequential net = new Sequential()
                .add("conv1", new Conv2d(1, 16, 3, 1, 1))
                .add("relu1", new ReLU())
                .add("pool1", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("fc1", new Linear(13 * 13 * 16, 128))
                .add("relu2", new ReLU())
                .add("fc2", new Linear(128, 10));
        try (var _ = Scope.open()) {
            Tensor x = Tensors.zeros(32, 1, 28, 28);
            ShapeException e = assertThrows(ShapeException.class, () -> net.forward(x));
            assertEquals("Linear(in_features=2704, out_features=128) [layer 'fc1' of Sequential]: input has shape [32, 3136]; "
                    + "expected [..., 2704]. Hint: 3136 = 16 x 14 x 14 — did you size the layer for a 13x13 map? "
                    + "A SAME 3x3 convolution of 28x28 followed by 2x2 pooling gives 14x14.", e.getMessage());
        }
    }

    @Test
    void errorsFromOpsInsideALayerNameTheLayer() {
        class Net extends Module {
            final Sequential features = registerModule("features", new Sequential().add("conv", new Conv2d(3, 4, 3)));

            @Override
            public Tensor forward(Tensor x) { return features.apply(x); }
        }
        Net net = new Net();
        try (var _ = Scope.open()) {
            ShapeException e = assertThrows(ShapeException.class, () -> net.apply(Tensors.zeros(1, 2, 8, 8)));
            assertTrue(e.getMessage().startsWith("Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1)) [layer 'features.conv' of Net]: input has shape [1, 2, 8, 8]"),
                    e.getMessage());
            // An error raised by a primitive's shape rule inside a layer gets the layer in front of the op's message.
            Sequential pool = new Sequential().add("pool", new MaxPool2d(5));
            ShapeException p = assertThrows(ShapeException.class, () -> pool.forward(Tensors.zeros(1, 1, 3, 3)));
            assertTrue(p.getMessage().startsWith("MaxPool2d(kernel_size=5, stride=5, padding=0) [layer 'pool' of Sequential]: reduce_window_max: "),
                    p.getMessage());
            TriadException ce = assertThrows(TriadException.class, () -> new CrossEntropyLoss().apply(Tensors.zeros(2, 3), Tensors.zeros(2)));
            assertTrue(ce.getMessage().contains("integer"), ce.getMessage());
        }
    }

    @Test
    void namedParametersModesAndStateDictRoundTrip() {
        Triad.manualSeed(1);
        Sequential net = new Sequential().add("fc", new Linear(3, 2)).add("bn", new BatchNorm1d(2)).add("drop", new Dropout(0.1));
        assertEquals(List.of("fc.weight", "fc.bias", "bn.weight", "bn.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("fc.weight", "fc.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertTrue(net.isTraining());
        net.eval();
        assertFalse(net.get("bn").isTraining());
        net.train();

        try (var _ = Scope.open()) {
            net.forward(Tensors.randn(new Generator(2), 4, 3));
        }
        assertEquals(1L, net.stateDict().get("bn.num_batches_tracked").itemLong());
        Map<String, Tensor> saved = new java.util.LinkedHashMap<>();
        for (var e : net.stateDict().entrySet()) saved.put(e.getKey(), Scope.escape(e.getValue().clone()));

        Triad.manualSeed(99);
        Sequential other = new Sequential().add("fc", new Linear(3, 2)).add("bn", new BatchNorm1d(2)).add("drop", new Dropout(0.1));
        assertFalse(java.util.Arrays.equals(saved.get("fc.weight").toFloatArray(), other.stateDict().get("fc.weight").toFloatArray()));
        Tensor weightBefore = other.namedParameters().get("fc.weight");
        other.loadStateDict(saved);
        assertSame(weightBefore, other.namedParameters().get("fc.weight"));
        for (var e : saved.entrySet()) assertArrayEquals(e.getValue().toDoubleArray(), other.stateDict().get(e.getKey()).toDoubleArray(), e.getKey());
        other.eval();
        net.eval();
        try (var _ = Scope.open(); var _ = Autograd.noGrad()) {
            Tensor x = Tensors.randn(new Generator(3), 5, 3);
            assertArrayEquals(net.forward(x).toFloatArray(), other.forward(x).toFloatArray());
        }

        saved.remove("bn.bias");
        TriadException missing = assertThrows(TriadException.class, () -> other.loadStateDict(saved));
        assertTrue(missing.getMessage().contains("bn.bias"), missing.getMessage());
        assertEquals(List.of("bn.bias"), other.loadStateDict(saved, false).missingKeys());
        saved.put("bn.bias", Scope.escape(Tensors.zeros(3)));
        assertThrows(ShapeException.class, () -> other.loadStateDict(saved));
    }

    @Test
    void defaultInitialisationFollowsPyTorch() {
        Linear l = new Linear(400, 300, true, new Generator(4));
        double bound = 1 / Math.sqrt(400);
        double[] w = l.weight().toDoubleArray();
        double max = 0, mean = 0, sq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            mean += v / w.length;
            sq += v * v / w.length;
        }
        assertTrue(max <= bound && max > 0.99 * bound, "max " + max);
        assertEquals(0, mean, 1e-3);
        assertEquals(bound * bound / 3, sq, 0.05 * bound * bound);   // variance of U(-b, b)
        for (double v : l.bias().toDoubleArray()) assertTrue(Math.abs(v) <= bound);
        assertTrue(l.weight().requiresGrad() && l.weight().isLeaf());

        Conv2d c = new Conv2d(8, 4, 3);
        double cb = 1 / Math.sqrt(8 * 9);
        for (double v : c.weight().toDoubleArray()) assertTrue(Math.abs(v) <= cb);
        assertEquals("Conv2d(8, 4, kernel_size=(3, 3), stride=(1, 1))", c.describe());
        Embedding e = new Embedding(100, 50, new Generator(5));
        double var = 0;
        for (double v : e.weight().toDoubleArray()) var += v * v / 5000;
        assertEquals(1, var, 0.1);
        LayerNorm ln = new LayerNorm(6);
        assertEquals(6.0, ln.weight().sum().item());
        assertEquals(DType.F32, ln.bias().dtype());
    }

    @Test
    void batchNormTracksRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, true, true);
        try (var _ = Scope.open()) {
            Tensor x = Tensors.of(new float[][] {{1, 10}, {3, 20}, {5, 30}});
            Tensor y = bn.apply(x);
            // training mode: batch mean (3, 20), population variance (8/3, 200/3)
            assertArrayEquals(new float[] {(float) (-2 / Math.sqrt(8.0 / 3 + 1e-5)), (float) (-10 / Math.sqrt(200.0 / 3 + 1e-5))},
                    y.index("0").toFloatArray(), 1e-5f);
            // running stats use the unbiased variance (4, 100)
            assertArrayEquals(new float[] {0.3f, 2f}, bn.runningMean().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f + 0.4f, 0.9f + 10f}, bn.runningVar().toFloatArray(), 1e-5f);
            bn.eval();
            Tensor z = bn.apply(x);
            assertEquals((1 - 0.3) / Math.sqrt(1.3 + 1e-5), z.get(0, 0).item(), 1e-5);
        }
    }

    @Test
    void moduleMovesToAnotherBackendKeepingItsTensors() {
        try (dev.triad.spi.backend.Backend other = dev.triad.spi.backend.Backends.open("cpu")) {
            Linear l = new Linear(3, 2, true, new Generator(1));
            Tensor w = l.weight();
            float[] before = w.toFloatArray();
            l.to(other);
            assertSame(w, l.weight());
            assertSame(other, w.backend());
            assertArrayEquals(before, w.toFloatArray());
            try (Scope s = Scope.open()) {
                Tensor y = l.apply(Tensors.ones(1, 3).to(other));
                y.sum().backward();
                assertSame(other, w.grad().backend());
            }
            l.close();
        }
    }

    @Test
    void generatorStateRestoresTheStream() {
        Generator g = new Generator(5);
        try (Scope s = Scope.open()) {
            Tensors.rand(g, 3);
            int[] state = g.getState();
            float[] a = Tensors.rand(g, 4).toFloatArray();
            g.setState(state);
            assertArrayEquals(a, Tensors.rand(g, 4).toFloatArray());
        }
    }

    @Test
    void toStringPrintsTheTree() {
        Sequential net = new Sequential().add("fc1", new Linear(4, 3)).add("act", new ReLU());
        assertEquals("Sequential(\n  (fc1): Linear(in_features=4, out_features=3)\n  (act): ReLU()\n)", net.toString());
    }
}
