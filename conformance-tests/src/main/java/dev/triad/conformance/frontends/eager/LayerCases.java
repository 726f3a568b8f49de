package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.reference.RefArray;
import dev.triad.eager.Autograd;
import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.nn.AdaptiveAvgPool2d;
import dev.triad.eager.nn.AvgPool2d;
import dev.triad.eager.nn.BCEWithLogitsLoss;
import dev.triad.eager.nn.BatchNorm1d;
import dev.triad.eager.nn.BatchNorm2d;
import dev.triad.eager.nn.Conv1d;
import dev.triad.eager.nn.Conv2d;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Embedding;
import dev.triad.eager.nn.GELU;
import dev.triad.eager.nn.LayerNorm;
import dev.triad.eager.nn.Linear;
import dev.triad.eager.nn.Loss;
import dev.triad.eager.nn.MSELoss;
import dev.triad.eager.nn.MaxPool2d;
import dev.triad.eager.nn.Module;
import dev.triad.eager.nn.MultiheadAttention;
import dev.triad.eager.nn.ReLU;
import dev.triad.eager.nn.SiLU;
import dev.triad.eager.nn.Sigmoid;
import dev.triad.eager.nn.Tanh;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The layers and losses whose gradients the suite checks, small enough that each costs a few
 * forward passes. Modules are built, moved to the backend under test and converted to F64 as
 * a user would ({@code new Conv2d(...).to(backend).to(F64)}); then every parameter is
 * overwritten with seeded host values so that every backend sees the same numbers (norm
 * layers would otherwise start at ones and zeros, which hides mistakes). Inputs keep their
 * magnitudes in [0.1, 1], off the kinks of ReLU and pooling ties.
 *
 * <p>Layer constructors allocate on {@code Triad.defaultBackend()} (opened once per JVM, and
 * left as it is: changing the process-wide default would outlive the backend under test).
 */
final class LayerCases {
    private LayerCases() {}

    static List<LayerCase> all() {
        List<LayerCase> out = new ArrayList<>();
        out.add(module("Linear", "bias, [2, 3] -> [2, 2]", () -> new Linear(3, 2, true, gen()), 2, 3));
        out.add(module("Linear", "no bias, batched [2, 2, 3]", () -> new Linear(3, 4, false, gen()), 2, 2, 3));
        out.add(module("Conv1d", "padding 1, dilation 2", () -> new Conv1d(2, 2, 3, 1, 1, 2, 1, true, gen()), 2, 2, 6));
        out.add(module("Conv1d", "stride 2, 2 groups", () -> new Conv1d(4, 2, 3, 2, 1, 1, 2, true, gen()), 1, 4, 7));
        out.add(module("Conv2d", "3x3, padding 1, bias", () -> new Conv2d(2, 3, 3, 1, 1, 1, 1, true, gen()), 1, 2, 4, 4));
        out.add(module("Conv2d", "3x2 kernel, stride (2, 1), padding (1, 0), 2 groups", () -> new Conv2d(4, 2, new int[] {3, 2}, new int[] {2, 1},
                new int[] {1, 0}, new int[] {1, 1}, 2, false, gen()), 1, 4, 5, 4));
        out.add(module("Conv2d", "padding 'same'", () -> new Conv2d(1, 2, 3, "same"), 2, 1, 4, 4));
        out.add(module("MaxPool2d", "2x2", () -> new MaxPool2d(2), 1, 2, 4, 4));
        out.add(module("MaxPool2d", "3x3, stride 2, padding 1", () -> new MaxPool2d(3, 2, 1), 1, 1, 5, 5));
        out.add(module("AvgPool2d", "2x2", () -> new AvgPool2d(2), 1, 2, 4, 4));
        out.add(module("AvgPool2d", "3x3, stride 2, padding 1", () -> new AvgPool2d(3, 2, 1), 1, 1, 5, 5));
        out.add(module("AdaptiveAvgPool2d", "4x6 -> 2x2 (even windows)", () -> new AdaptiveAvgPool2d(2), 1, 1, 4, 6));
        out.add(module("AdaptiveAvgPool2d", "5x4 -> 2x3 (overlapping windows)", () -> new AdaptiveAvgPool2d(2, 3), 1, 2, 5, 4));
        out.add(module("BatchNorm1d", "train mode, [4, 3]", () -> new BatchNorm1d(3), 4, 3));
        out.add(module("BatchNorm2d", "train mode, [3, 2, 2, 2]", () -> new BatchNorm2d(2), 3, 2, 2, 2));
        out.add(module("LayerNorm", "over [3, 2] of [2, 3, 2]", () -> new LayerNorm(3, 2), 2, 3, 2));
        out.add(embedding());
        out.add(module("MultiheadAttention", "self-attention, batch first [2, 3, 4], 2 heads",
                () -> new MultiheadAttention(4, 2, true, true, gen()), 2, 3, 4));
        out.add(module("MultiheadAttention", "causal, sequence first [3, 2, 4], 2 heads", () -> new MultiheadAttention(4, 2, true, false, gen()),
                (m, x) -> ((MultiheadAttention) m).forward(x, x, x, null, true), 3, 2, 4));
        out.add(module("activations", "ReLU", ReLU::new, 2, 3, 2));
        out.add(module("activations", "GELU", GELU::new, 2, 3, 2));
        out.add(module("activations", "GELU tanh", () -> new GELU("tanh"), 2, 3, 2));
        out.add(module("activations", "SiLU", SiLU::new, 2, 3, 2));
        out.add(module("activations", "Tanh", Tanh::new, 2, 3, 2));
        out.add(module("activations", "Sigmoid", Sigmoid::new, 2, 3, 2));
        out.add(crossEntropy(0.0));
        out.add(crossEntropy(0.1));
        out.add(loss("MSELoss", "input and target [3, 2]", new MSELoss(), leafTarget(false)));
        out.add(loss("BCEWithLogitsLoss", "logits and probability target [3, 2]", new BCEWithLogitsLoss(), leafTarget(true)));
        return out;
    }

    private static Generator gen() { return new Generator(11); }

    private static long seed(String group, String name) { return (group + "/" + name).hashCode() * 1_000_003L; }

    private static LayerCase module(String group, String name, Supplier<Module> make, long... inputShape) {
        return module(group, name, make, Module::apply, inputShape);
    }

    /** A module applied to one F64 input that requires grad; the loss is {@code sum(out * w)} for fixed random weights w. */
    private static LayerCase module(String group, String name, Supplier<Module> make, BiFunction<Module, Tensor, Tensor> forward, long... inputShape) {
        long seed = seed(group, name);
        return new LayerCase(group, name, backend -> {
            Module m = onBackend(make.get(), backend, seed);
            try {
                Tensor x = Values.tensor(Values.awayFromZero(Shape.of(inputShape), seed + 1), backend).requiresGrad_(true);
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                leaves.put("input", x);
                leaves.putAll(m.namedParameters());
                return new LayerCase.Problem(leaves, () -> weighted(forward.apply(m, x), seed + 2), m::close);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        });
    }

    /** Embedding: integer indices (one repeated, so gradient rows accumulate) select rows of the table, the only leaf. */
    private static LayerCase embedding() {
        String group = "Embedding", name = "5 x 3 table, indices [2, 2] with a repeat";
        long seed = seed(group, name);
        return new LayerCase(group, name, backend -> {
            Module m = onBackend(new Embedding(5, 3, gen()), backend, seed);
            try {
                Tensor idx = Values.tensor(RefArray.ofLongs(DType.I64, Shape.of(2, 2), 4, 0, 4, 2), backend);
                return new LayerCase.Problem(new LinkedHashMap<>(m.namedParameters()), () -> weighted(m.apply(idx), seed + 2), m::close);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        });
    }

    private static LayerCase crossEntropy(double smoothing) {
        String name = smoothing == 0 ? "logits [3, 4], i64 labels" : "logits [3, 4], i64 labels, label smoothing " + smoothing;
        long seed = seed("CrossEntropyLoss", name);
        CrossEntropyLoss loss = new CrossEntropyLoss(smoothing);
        return new LayerCase("CrossEntropyLoss", name, backend -> {
            Tensor logits = Values.tensor(Values.awayFromZero(Shape.of(3, 4), seed), backend).requiresGrad_(true);
            Tensor labels = Values.tensor(RefArray.ofLongs(DType.I64, Shape.of(3), 2, 0, 1), backend);
            return new LayerCase.Problem(Map.of("input", logits), () -> loss.apply(logits, labels), () -> { });
        });
    }

    /** A loss of an input leaf and a target leaf (values in [0, 1] when {@code probability}), both differentiated. */
    private static LayerCase loss(String group, String name, Loss loss, BiFunction<Backend, Long, Tensor> target) {
        long seed = seed(group, name);
        return new LayerCase(group, name, backend -> {
            Tensor input = Values.tensor(Values.awayFromZero(Shape.of(3, 2), seed), backend).requiresGrad_(true);
            Tensor t = target.apply(backend, seed + 1);
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            leaves.put("input", input);
            leaves.put("target", t);
            return new LayerCase.Problem(leaves, () -> loss.apply(input, t), () -> { });
        });
    }

    private static BiFunction<Backend, Long, Tensor> leafTarget(boolean probability) {
        return (backend, seed) -> {
            RefArray v = Values.awayFromZero(Shape.of(3, 2), seed);
            if (probability) {
                double[] p = new double[v.size()];
                for (int i = 0; i < p.length; i++) p[i] = (v.get(i) + 1) / 2;
                v = RefArray.of(DType.F64, v.shape(), p);
            }
            return Values.tensor(v, backend).requiresGrad_(true);
        };
    }

    /**
     * {@code m} moved to {@code backend} in F64, in training mode, with every floating
     * parameter overwritten (under no-grad, as an optimizer would) by seeded values.
     */
    private static Module onBackend(Module m, Backend backend, long seed) {
        try {
            m.to(backend).to(DType.F64).train();
            int k = 0;
            try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
                for (Tensor p : m.parameters()) {
                    if (p.dtype().isFloating()) p.copy_(Values.tensor(Values.awayFromZero(p.shape(), seed + 100 + k++), backend));
                }
            }
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@code sum(out * w)} with fixed random weights, so every output element matters. */
    private static Tensor weighted(Tensor out, long seed) {
        return out.mul(Values.tensor(Values.direction(out.shape(), seed), out.backend())).sum();
    }
}
