package dev.triad.cli.train;

import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;
import dev.triad.eager.models.MnistModels;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Module;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.keras.Losses;
import dev.triad.graph.keras.Metrics;
import dev.triad.graph.keras.Sequential;
import dev.triad.graph.train.Adam;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Front-end equivalence: the MNIST MLP with the same initial weights, trained with Adam on the
 * same batches, gives the same loss trajectory in the graph front-end (Keras-style model in a
 * session) as in the eager front-end (PyTorch-style module and autograd).
 */
class GraphTrainerEquivalenceTest {
    private static final int STEPS = 6, BATCH = 16;

    @Test
    void theGraphAndEagerFrontEndsTrainTheMlpAlike() {
        Backend backend = Backends.open("cpu");
        try {
            SplittableRandom r = new SplittableRandom(7);
            HostArray[] xs = new HostArray[STEPS], ys = new HostArray[STEPS];
            for (int s = 0; s < STEPS; s++) {
                double[] x = new double[BATCH * 784];
                long[] y = new long[BATCH];
                for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
                for (int i = 0; i < BATCH; i++) y[i] = r.nextInt(10);
                xs[s] = HostArray.fromDoubles(DType.F32, Shape.of(BATCH, 1, 28, 28), x);
                ys[s] = HostArray.fromLongs(DType.I64, Shape.of(BATCH), y);
            }

            Triad.setDefaultBackend(backend);
            Triad.manualSeed(42);
            Module eager = MnistModels.mlp();
            Map<String, HostArray> weights = new LinkedHashMap<>();
            Map<String, Tensor> p = eager.namedParameters();
            weights.put("dense/kernel", transpose(p.get("fc1.weight").toHost()));
            weights.put("dense/bias", p.get("fc1.bias").toHost());
            weights.put("dense_1/kernel", transpose(p.get("fc2.weight").toHost()));
            weights.put("dense_1/bias", p.get("fc2.bias").toHost());

            double[] eagerLosses = new double[STEPS];
            dev.triad.eager.optim.Adam eagerAdam = new dev.triad.eager.optim.Adam(eager.parameters(), 1e-3);
            CrossEntropyLoss ce = new CrossEntropyLoss();
            for (int s = 0; s < STEPS; s++) {
                try (Scope scope = Scope.open()) {
                    eagerAdam.zeroGrad();
                    Tensor loss = ce.forward(eager.forward(Tensor.fromHost(xs[s])), Tensor.fromHost(ys[s]));
                    loss.backward();
                    eagerAdam.step();
                    eagerLosses[s] = loss.item();
                }
            }

            double[] graphLosses = new double[STEPS];
            try (Sequential graph = GraphTrainerModels.build(MnistModels.Kind.MLP, 42)) {
                graph.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
                assertEquals(weights.keySet(), graph.getWeights().keySet(), "the same parameters, by layer");
                graph.setWeights(weights);
                for (int s = 0; s < STEPS; s++) graphLosses[s] = graph.trainOnBatch(xs[s], ys[s]).get("loss");
            }
            assertTrue(eagerLosses[STEPS - 1] < eagerLosses[0], "the trajectory goes down: " + java.util.Arrays.toString(eagerLosses));
            assertArrayEquals(eagerLosses, graphLosses, 1e-4 * eagerLosses[0],
                    "eager " + java.util.Arrays.toString(eagerLosses) + " vs graph " + java.util.Arrays.toString(graphLosses));
            eager.close();
        } finally {
            backend.close();
        }
    }

    /** {@code [out, in]} (PyTorch's Linear weight) as {@code [in, out]} (Keras' Dense kernel). */
    private static HostArray transpose(HostArray w) {
        int out = (int) w.shape().dim(0), in = (int) w.shape().dim(1);
        double[] v = w.toDoubles(), t = new double[v.length];
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) t[i * out + o] = v[o * in + i];
        return HostArray.fromDoubles(w.dtype(), Shape.of(in, out), t);
    }
}
