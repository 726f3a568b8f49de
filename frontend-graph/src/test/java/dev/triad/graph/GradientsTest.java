package dev.triad.graph;

import dev.triad.graph.init.Initializers;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Symbolic gradients against central finite differences, in f64. */
class GradientsTest {
    private final HeapBackend backend = new HeapBackend();

    /** A small network touching matmul, broadcasting, composites, reductions and a conv. */
    private static final BiFunction<GraphBuilder, List<Output>, Output> NETWORK = (g, p) -> {
        Output x = p.get(0), w = p.get(1), b = p.get(2), k = p.get(3);
        Output h = g.tanh(g.add(g.matmul(x, w), b));                        // [?, 4]
        Output img = g.reshape(h, -1, 1, 2, 2);                             // [?, 1, 2, 2]
        Output c = g.conv(img, k, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, 1);
        Output pooled = g.reduceWindowMax(c, new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 1}, new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0});
        Output logits = g.add(g.flatten(pooled), g.mul(g.gelu(h), 0.5));   // [?, 4]
        return g.add(g.crossEntropy(logits, p.get(4), 0.1), g.mean(g.mul(g.softmax(logits, 1), g.logSoftmax(logits, 1))));
    };

    @Test
    void gradientsOfVariablesAndPlaceholdersMatchFiniteDifferences() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F64, -1, 3);
        Variable w = g.variable("w", TensorType.of(DType.F64, 3, 4), Initializers.normal(0, 0.7, 1));
        Variable b = g.variable("b", TensorType.of(DType.F64, 4), Initializers.uniform(-0.5, 0.5, 2));
        Variable k = g.variable("k", TensorType.of(DType.F64, 1, 1, 2, 2), Initializers.normal(0, 1, 3));
        Output labels = g.placeholder("labels", DType.I64, -1);
        Output loss = NETWORK.apply(g, List.of(x, w, b, k, labels));
        List<Variable> vars = List.of(w, b, k);
        List<Output> wrt = new ArrayList<>(vars);
        wrt.add(x);
        List<Output> grads = g.gradients(loss, wrt);
        assertEquals("[?,3]", grads.get(3).shape().toString());

        HostArray xs = HostArray.fromDoubles(DType.F64, Shape.of(2, 3), 0.3, -1.2, 0.8, 1.5, 0.1, -0.4);
        HostArray ys = HostArray.fromLongs(DType.I64, Shape.of(2), 3, 0);
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            Map<Output, HostArray> feeds = Map.of(x, xs, labels, ys);
            List<Fetchable> fetches = new ArrayList<>(grads);
            List<HostArray> symbolic = s.run(fetches, feeds);
            for (int i = 0; i < vars.size(); i++) {
                Variable v = vars.get(i);
                HostArray base = s.read(v);
                double[] fd = finiteDifferences(base, values -> {
                    s.write(v, values);
                    return s.run(loss, feeds).getDouble(0);
                });
                s.write(v, base);
                assertArrayEquals(fd, symbolic.get(i).toDoubles(), 1e-6, "gradient of " + v.name());
            }
            double[] fdx = finiteDifferences(xs, values -> s.run(loss, Map.of(x, values, labels, ys)).getDouble(0));
            assertArrayEquals(fdx, symbolic.get(3).toDoubles(), 1e-6, "gradient of the placeholder");
        }
    }

    @Test
    void secondOrderGradientsDifferentiateTheBackwardGraph() {
        GraphBuilder g = new GraphBuilder();
        Variable w = g.variable("w", TensorType.of(DType.F64, 3), Initializers.values(HostArray.fromDoubles(DType.F64, Shape.of(3), 0.5, -1, 2)));
        Output f = g.sum(g.mul(g.mul(w, w), w));                     // sum w^3
        Output grad = g.gradients(f, List.of(w)).get(0);            // 3 w^2
        Output hessianDiag = g.gradients(g.sum(grad), List.of(w)).get(0); // 6 w
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            assertArrayEquals(new double[] {0.75, 3, 12}, s.run(grad, Map.of()).toDoubles(), 1e-12);
            assertArrayEquals(new double[] {3, -6, 12}, s.run(hessianDiag, Map.of()).toDoubles(), 1e-12);
        }
    }

    @Test
    void unconnectedValuesGetZerosAndNonScalarLossesAreRejected() {
        GraphBuilder g = new GraphBuilder();
        Variable used = g.variable("used", TensorType.of(DType.F32, 2), Initializers.ones());
        Variable unused = g.variable("unused", TensorType.of(DType.F32, 2), Initializers.ones());
        Output loss = g.sum(g.exp(used));
        List<Output> grads = g.gradients(loss, List.of(used, unused));
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            assertArrayEquals(new double[] {0, 0}, s.run(grads.get(1), Map.of()).toDoubles());
            assertArrayEquals(new double[] {Math.E, Math.E}, s.run(grads.get(0), Map.of()).toDoubles(), 1e-6);
        }
        ShapeException e = assertThrows(ShapeException.class, () -> g.gradients(g.exp(used), List.of(used)));
        assertTrue(e.getMessage().contains("not a floating scalar"), e.getMessage());
    }

    @Test
    void allGradientsOfOneCallShareOneBackwardPass() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, 4);
        Variable a = g.variable("a", TensorType.of(DType.F32, 4), Initializers.ones());
        Variable b = g.variable("b", TensorType.of(DType.F32, 4), Initializers.ones());
        Output loss = g.sum(g.mul(g.tanh(g.mul(x, a)), b));
        List<Output> grads = g.gradients(loss, List.of(a, b));
        var spec = Specializer.specialize(g, grads, Map.of(x, TensorType.of(DType.F32, 4)));
        long tanhs = spec.graph().nodes().stream().filter(n -> n.kind() == dev.triad.spi.graph.Node.Kind.OP && n.primitive().name().equals("tanh")).count();
        assertEquals(1, tanhs, "the forward pass is lowered once and shared by both gradients:\n" + spec.graph());
    }

    /** Central differences of {@code f} at {@code at}, step 1e-6. */
    private static double[] finiteDifferences(HostArray at, java.util.function.Function<HostArray, Double> f) {
        double[] base = at.toDoubles();
        double[] out = new double[base.length];
        double eps = 1e-6;
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone(), minus = base.clone();
            plus[i] += eps;
            minus[i] -= eps;
            out[i] = (f.apply(HostArray.fromDoubles(at.dtype(), at.shape(), plus)) - f.apply(HostArray.fromDoubles(at.dtype(), at.shape(), minus))) / (2 * eps);
        }
        return out;
    }

}
