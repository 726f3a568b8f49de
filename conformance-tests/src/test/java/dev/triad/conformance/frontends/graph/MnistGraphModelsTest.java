package dev.triad.conformance.frontends.graph;

import dev.triad.graph.SessionOptions;
import dev.triad.graph.keras.Activation;
import dev.triad.graph.keras.Conv2D;
import dev.triad.graph.keras.Dense;
import dev.triad.graph.keras.Flatten;
import dev.triad.graph.keras.Losses;
import dev.triad.graph.keras.MaxPooling2D;
import dev.triad.graph.keras.Metrics;
import dev.triad.graph.keras.Sequential;
import dev.triad.graph.train.Adam;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The MNIST CNN and MLP of {@code triad train}, built with the graph front-end's Keras layer,
 * trained for a few Adam steps on every available backend with and without the optimisation
 * passes: the loss trajectories and the final predictions must agree.
 */
class MnistGraphModelsTest {
    private static final int STEPS = 3, BATCH = 8;

    private static Sequential cnn(long seed) {
        return new Sequential(DType.F32, 1, 28, 28).seed(seed)
                .add(new Conv2D(32, 3, 1, Conv2D.Padding.SAME, Activation.RELU)).add(new MaxPooling2D(2)).add(new Flatten())
                .add(new Dense(128, Activation.RELU)).add(new Dense(10));
    }

    private static Sequential mlp(long seed) {
        return new Sequential(DType.F32, 1, 28, 28).seed(seed).add(new Flatten()).add(new Dense(256, Activation.RELU)).add(new Dense(10));
    }

    @TestFactory
    Stream<DynamicTest> optimisedAndUnoptimisedGraphsTrainAlike() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backends.Probed probed : Backends.probeAll()) {
            String name = probed.provider().name();
            for (String model : List.of("cnn", "mlp")) {
                tests.add(DynamicTest.dynamicTest(name + " " + model, () -> {
                    Assumptions.assumeTrue(probed.availability().available(), () -> "backend '" + name + "' is not available: " + probed.availability().reason());
                    LongFunction<Sequential> build = model.equals("cnn") ? MnistGraphModelsTest::cnn : MnistGraphModelsTest::mlp;
                    try (Backend backend = probed.provider().open()) {
                        double[][] optimised = train(build, backend, SessionOptions.DEFAULT);
                        double[][] plain = train(build, backend, SessionOptions.UNOPTIMIZED);
                        for (int i = 0; i < 2; i++) {
                            double scale = 1e-5 * (1 + maxAbs(plain[i]));
                            Assertions.assertArrayEquals(plain[i], optimised[i], scale, i == 0 ? "loss trajectory" : "predictions after training");
                        }
                        Assertions.assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator()::liveBlockReport);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** {losses per step, final predictions of the first batch}. */
    private static double[][] train(LongFunction<Sequential> build, Backend backend, SessionOptions options) {
        SplittableRandom r = new SplittableRandom(3);
        try (Sequential m = build.apply(11)) {
            m.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, options);
            double[] losses = new double[STEPS];
            HostArray first = null;
            for (int s = 0; s < STEPS; s++) {
                double[] x = new double[BATCH * 784];
                long[] y = new long[BATCH];
                for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
                for (int i = 0; i < BATCH; i++) y[i] = r.nextInt(10);
                HostArray xs = HostArray.fromDoubles(DType.F32, Shape.of(BATCH, 1, 28, 28), x);
                if (first == null) first = xs;
                losses[s] = m.trainOnBatch(xs, HostArray.fromLongs(DType.I64, Shape.of(BATCH), y)).get("loss");
            }
            return new double[][] {losses, m.predictOnBatch(first).toDoubles()};
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m;
    }
}
