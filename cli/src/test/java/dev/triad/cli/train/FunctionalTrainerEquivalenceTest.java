package dev.triad.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;
import dev.triad.eager.models.MnistModels;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Module;
import dev.triad.functional.Array;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.np;
import dev.triad.functional.optim.GradientTransformation;
import dev.triad.functional.optim.Optimizers;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Front-end equivalence: the MNIST MLP with the same initial weights, trained with Adam on the
 * same batches, gives the same loss trajectory through the functional front-end (a jitted
 * {@code valueAndGrad} step with the Optax-style Adam) as through the eager front-end
 * (module, autograd and {@code optim.Adam}).
 */
class FunctionalTrainerEquivalenceTest {
    private static final int STEPS = 8, BATCH = 16;

    @Test
    @SuppressWarnings("try")
    void theFunctionalAndEagerFrontEndsTrainTheMlpAlike() {
        Backend backend = Backends.open("cpu");
        try (Platform.Restore r = Platform.use(backend)) {
            SplittableRandom rnd = new SplittableRandom(7);
            HostArray[] xs = new HostArray[STEPS], ys = new HostArray[STEPS];
            for (int s = 0; s < STEPS; s++) {
                double[] x = new double[BATCH * 784];
                long[] y = new long[BATCH];
                for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
                for (int i = 0; i < BATCH; i++) y[i] = rnd.nextInt(10);
                xs[s] = HostArray.fromDoubles(DType.F32, Shape.of(BATCH, 1, 28, 28), x);
                ys[s] = HostArray.fromLongs(DType.I64, Shape.of(BATCH), y);
            }

            Triad.setDefaultBackend(backend);
            Triad.manualSeed(42);
            Module eager = MnistModels.mlp();
            Map<String, Array> params = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : eager.namedParameters().entrySet()) params.put(e.getKey(), np.asarray(e.getValue().toHost()));

            double[] eagerLosses = new double[STEPS];
            dev.triad.eager.optim.Adam eagerAdam = new dev.triad.eager.optim.Adam(eager.parameters(), 1e-3);
            CrossEntropyLoss ce = new CrossEntropyLoss();
            for (int s = 0; s < STEPS; s++) {
                try (dev.triad.eager.Scope scope = dev.triad.eager.Scope.open()) {
                    eagerAdam.zeroGrad();
                    Tensor loss = ce.forward(eager.forward(Tensor.fromHost(xs[s])), Tensor.fromHost(ys[s]));
                    loss.backward();
                    eagerAdam.step();
                    eagerLosses[s] = loss.item();
                }
            }

            double[] functionalLosses = new double[STEPS];
            GradientTransformation adam = Optimizers.adam(1e-3);
            FunctionalTrainer.State state = new FunctionalTrainer.State(params, adam.init(params));
            try (Jitted2<FunctionalTrainer.State, List<Array>, List<Object>> step = FunctionalTrainer.trainStep(MnistModels.Kind.MLP, adam)) {
                for (int s = 0; s < STEPS; s++) {
                    try (Scope scope = Scope.open()) {
                        List<Object> out = step.apply(state, List.of(np.asarray(xs[s]), np.asarray(ys[s])));
                        FunctionalTrainer.State next = scope.keep((FunctionalTrainer.State) out.get(0));
                        functionalLosses[s] = ((Array) out.get(1)).item();
                        Tree.treeClose(state);
                        state = next;
                    }
                }
                assertEquals(1, step.stats().traces(), "one trace for the whole run");
            }
            Tree.treeClose(state);
            assertTrue(eagerLosses[STEPS - 1] < eagerLosses[0], "the trajectory goes down: " + Arrays.toString(eagerLosses));
            assertArrayEquals(eagerLosses, functionalLosses, 1e-4 * eagerLosses[0],
                    "eager " + Arrays.toString(eagerLosses) + " vs functional " + Arrays.toString(functionalLosses));
            eager.close();
        } finally {
            backend.close();
        }
    }
}
