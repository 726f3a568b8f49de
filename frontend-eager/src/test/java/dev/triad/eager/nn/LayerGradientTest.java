package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.triad.eager.nn.ModuleGradCheck.check;
import static dev.triad.eager.nn.ModuleGradCheck.input;
import static org.junit.jupiter.api.Assertions.*;

/** Every layer's and loss's gradients against finite differences, in float64. */
class LayerGradientTest {
    private static Generator gen() { return new Generator(11); }

    @Test void linear() { check(new Linear(3, 2, true, gen()).to(DType.F64), input(1, 2, 3)); }

    @Test void conv2d() { check(new Conv2d(2, 3, 3, 1, 1, 1, 1, true, gen()).to(DType.F64), input(2, 1, 2, 4, 4)); }

    @Test void conv2dStridedGroupedSame() {
        check(new Conv2d(4, 2, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 1}, 2, false, gen()).to(DType.F64), input(3, 1, 4, 5, 4));
        check(new Conv2d(1, 2, 3, "same").to(DType.F64), input(4, 1, 1, 4, 4));
    }

    @Test void conv1d() { check(new Conv1d(2, 2, 3, 1, 1, 2, 1, true, gen()).to(DType.F64), input(5, 2, 2, 6)); }

    @Test void pooling() {
        check(new MaxPool2d(2), input(6, 1, 2, 4, 4));
        check(new MaxPool2d(3, 2, 1), input(7, 1, 1, 5, 5));
        check(new AvgPool2d(2), input(8, 1, 2, 4, 4));
        check(new AdaptiveAvgPool2d(2), input(9, 1, 1, 4, 6));
        check(new AdaptiveAvgPool2d(2, 3), input(10, 1, 1, 5, 4));
    }

    @Test void batchNorm() {
        BatchNorm2d bn = (BatchNorm2d) new BatchNorm2d(2).to(DType.F64);
        try (var _ = Scope.open()) {
            Init.uniform_(bn.weight(), gen(), 0.5, 1.5);
            Init.uniform_(bn.bias(), gen(), -0.5, 0.5);
        }
        check(bn, input(11, 3, 2, 2, 2));
        check(new BatchNorm1d(3).to(DType.F64), input(12, 4, 3));
        bn.eval();
        check(bn, input(13, 2, 2, 2, 2));
    }

    @Test void layerNorm() { check(new LayerNorm(3, 2).to(DType.F64), input(14, 2, 3, 2)); }

    @Test void embedding() {
        Embedding e = (Embedding) new Embedding(5, 3, gen()).to(DType.F64);
        Tensor idx = Scope.escape(Tensors.fromArray(new long[] {4, 0, 4, 2}, 2, 2));
        check(e::apply, e.parameters(), idx);
        assertArrayEquals(new long[] {2, 2, 3}, e.apply(idx).shape().toArray());
    }

    @Test void multiheadAttention() {
        MultiheadAttention mha = (MultiheadAttention) new MultiheadAttention(4, 2, true, true, gen()).to(DType.F64);
        check(mha, input(15, 2, 3, 4));
        check(x -> mha.forward(x, x, x, null, true), mha.parameters(), input(16, 3, 1, 4).transpose(0, 1));
    }

    @Test void activations() {
        for (Module m : List.of(new ReLU(), new GELU(), new GELU("tanh"), new SiLU(), new Tanh(), new Sigmoid(), new Flatten(), new Identity())) {
            check(m, input(17, 2, 3, 2));
        }
    }

    @Test void sequential() {
        Sequential net = new Sequential(new Linear(4, 3, true, gen()), new Tanh(), new Linear(3, 2, true, gen()));
        net.to(DType.F64);
        check(net, input(18, 2, 4));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(net.namedParameters().keySet()));
    }

    @Test void losses() {
        Tensor labels = Scope.escape(Tensors.fromArray(new long[] {2, 0, 1}));
        check(x -> new CrossEntropyLoss().apply(x, labels), List.of(), input(19, 3, 4));
        check(x -> new CrossEntropyLoss(0.1).apply(x, labels), List.of(), input(20, 3, 4));
        Tensor target = input(21, 3, 2);
        check(x -> new MSELoss().apply(x, target), List.of(target), input(22, 3, 2));
        Tensor bits = Scope.escape(Tensors.fromArray(new double[] {1, 0, 0, 1, 1, 0}, 3, 2));
        check(x -> new BCEWithLogitsLoss().apply(x, bits), List.of(), input(23, 3, 2));
    }

    @Test void lossValuesMatchPyTorch() {
        try (var _ = Scope.open()) {
            Tensor logits = Tensors.fromArray(new double[] {1, 2, 3, 1, 0, -1}, 2, 3);
            Tensor labels = Tensors.fromArray(new long[] {2, 0});
            // log-softmax of (1,2,3) at 2 and of (1,0,-1) at 0: both -0.40760596
            assertEquals(0.40760596444438, new CrossEntropyLoss().apply(logits, labels).item(), 1e-9);
            // label smoothing 0.1 over 3 classes: 0.9 * nll + 0.1 * mean(-log p)
            double smoothed = 0.9 * 0.40760596444438 + 0.1 * (0.40760596444438 + 1.40760596444438 + 2.40760596444438) / 3;
            assertEquals(smoothed, new CrossEntropyLoss(0.1).apply(logits, labels).item(), 1e-9);
            Tensor x = Tensors.fromArray(new double[] {0.5, -2});
            Tensor y = Tensors.fromArray(new double[] {1, 0});
            double bce = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-2))) / 2;
            assertEquals(bce, new BCEWithLogitsLoss().apply(x, y).item(), 1e-12);
            assertEquals((0.25 + 4) / 2, new MSELoss().apply(x, Tensors.zerosLike(x)).item(), 1e-12);
        }
    }

    @Test void dropoutScalesKeptUnitsAndIsOffInEval() {
        try (var _ = Scope.open()) {
            Dropout d = new Dropout(0.5, new Generator(3));
            Tensor x = Tensors.ones(DType.F64, 1000).requiresGrad_();
            Tensor y = d.apply(x);
            double[] yv = y.toDoubleArray();
            int kept = 0;
            for (double v : yv) {
                assertTrue(v == 0 || v == 2.0, "value " + v);
                if (v != 0) kept++;
            }
            assertEquals(500, kept, 60);
            y.sum().backward();
            assertArrayEquals(yv, x.grad().toDoubleArray());
            d.eval();
            assertSame(x, d.apply(x));
        }
    }
}
