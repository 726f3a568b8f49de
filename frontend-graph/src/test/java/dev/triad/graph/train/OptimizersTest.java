package dev.triad.graph.train;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.HeapBackend;
import dev.triad.graph.Operation;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializers;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each optimizer's updates against the same recurrences computed by hand, on
 * {@code loss = sum(c * w^2) / 2} (gradient {@code c * w}), in f64.
 */
class OptimizersTest {
    private static final double[] C = {1.0, 3.0};
    private static final double[] W0 = {1.0, -2.0};

    private record Problem(GraphBuilder g, Variable w, Output loss) {}

    private static Problem problem() {
        GraphBuilder g = new GraphBuilder();
        Variable w = g.variable("w", TensorType.of(DType.F64, 2), Initializers.values(HostArray.fromDoubles(DType.F64, Shape.of(2), W0)));
        Output c = g.constant(HostArray.fromDoubles(DType.F64, Shape.of(2), C));
        Output loss = g.div(g.sum(g.mul(c, g.mul(w, w))), 2.0);
        return new Problem(g, w, loss);
    }

    private static double[][] trajectory(Optimizer opt, int steps) {
        Problem p = problem();
        Operation train = opt.minimize(p.g(), p.loss());
        double[][] out = new double[steps][];
        try (Session s = new Session(p.g(), new HeapBackend())) {
            s.initializeVariables();
            for (int i = 0; i < steps; i++) {
                s.run(train, Map.of());
                out[i] = s.read(p.w()).toDoubles();
            }
        }
        return out;
    }

    @Test
    void sgd() {
        double[][] got = trajectory(new SGD(0.1), 3);
        double[] w = W0.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) w[i] -= 0.1 * C[i] * w[i];
            assertArrayEquals(w, got[t], 1e-12);
        }
    }

    @Test
    void momentumAndNesterov() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double[][] got = trajectory(new Momentum(0.1, 0.9, nesterov), 4);
            double[] w = W0.clone(), v = new double[2];
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 2; i++) {
                    double g = C[i] * w[i];
                    v[i] = 0.9 * v[i] + g;
                    w[i] -= 0.1 * (nesterov ? g + 0.9 * v[i] : v[i]);
                }
                assertArrayEquals(w, got[t], 1e-12, "nesterov=" + nesterov + " step " + t);
            }
        }
    }

    @Test
    void adamWithPyTorchBiasCorrection() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[][] got = trajectory(new Adam(lr, b1, b2, eps), 5);
        double[] w = W0.clone(), m = new double[2], v = new double[2];
        for (int t = 1; t <= 5; t++) {
            for (int i = 0; i < 2; i++) {
                double g = C[i] * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.pow(b1, t)), vh = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
            assertArrayEquals(w, got[t - 1], 1e-12, "step " + t);
        }
    }

    @Test
    void theLearningRateIsAVariableThatCanChangeBetweenSteps() {
        Problem p = problem();
        SGD sgd = new SGD(0.1);
        Operation train = sgd.minimize(p.g(), p.loss());
        try (Session s = new Session(p.g(), new HeapBackend())) {
            s.initializeVariables();
            s.write(sgd.learningRate(), HostArray.fromDoubles(DType.F64, Shape.SCALAR, 0.5));
            s.run(train, Map.of());
            assertArrayEquals(new double[] {0.5, 1.0}, s.read(p.w()).toDoubles(), 1e-12);
            assertEquals(1, s.stats().compilations());
        }
        assertTrue(sgd.variables().contains(sgd.learningRate()));
        assertThrows(GraphException.class, () -> sgd.minimize(new GraphBuilder(), p.loss()));
    }
}
