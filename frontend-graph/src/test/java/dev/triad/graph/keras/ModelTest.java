package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.HeapBackend;
import dev.triad.graph.Output;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.train.Adam;
import dev.triad.graph.train.SGD;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    private final HeapBackend backend = new HeapBackend();

    private Sequential mlp(long seed) {
        return new Sequential(DType.F32, 4).seed(seed).add(new Dense(16, Activation.RELU)).add(new Dense(3));
    }

    @Test
    void sequentialFitsEvaluatesAndPredicts() {
        HostArray[] train = Blobs.make(240, 1), test = Blobs.make(60, 2);
        try (Sequential m = mlp(7)) {
            m.compile(new Adam(0.02), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.verbose(1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            History h = m.fit(new ArraySource(train[0], train[1], 32, true, 3), 4, new ArraySource(test[0], test[1], 50, false, 0));
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Epoch 4/4"), printed);
            assertTrue(printed.contains("8/8 [==============================]"), printed);
            assertTrue(printed.contains("val_accuracy"), printed);
            List<Double> loss = h.get("loss");
            assertEquals(4, loss.size());
            assertTrue(loss.get(3) < loss.get(0) * 0.5, "training reduces the loss: " + loss);
            Map<String, Double> eval = m.evaluate(test[0], test[1], 16);
            assertTrue(eval.get("accuracy") > 0.9, "accuracy " + eval);
            assertEquals(h.get("val_accuracy").get(3), eval.get("accuracy"), 1e-6, "validation equals evaluation");
            HostArray p = m.predict(test[0], 25);
            assertEquals(Shape.of(60, 3), p.shape());
            assertTrue(m.summary().contains("Dense(16, relu)"), m.summary());
            assertEquals(4 * 16 + 16 + 16 * 3 + 3, m.parameterCount());
            assertEquals(List.of("dense", "dense_1"), m.layers().stream().map(Layer::name).toList());
        }
        assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator().liveBlockReport());
    }

    @Test
    void theSameSeedGivesTheSameTrajectory() {
        HostArray[] train = Blobs.make(64, 1);
        double[][] losses = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (Sequential m = mlp(11)) {
                m.compile(new SGD(0.1), Losses.sparseCategoricalCrossentropy(true), List.of(), backend, SessionOptions.DEFAULT);
                m.verbose(0, System.out);
                losses[run] = m.fit(new ArraySource(train[0], train[1], 16, true, 5), 3, null).get("loss").stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        assertArrayEquals(losses[0], losses[1]);
    }

    @Test
    void functionalModelsWithOptimisedAndUnoptimisedSessionsAgree() {
        HostArray[] train = Blobs.make(48, 4);
        double[][] losses = new double[2][];
        int run = 0;
        for (SessionOptions opts : new SessionOptions[] {SessionOptions.DEFAULT, SessionOptions.UNOPTIMIZED}) {
            GraphBuilder g = new GraphBuilder();
            Output x = g.placeholder("x", DType.F32, -1, 4);
            Output h = new Dense(8, Activation.TANH).seed(1).apply(g, x);
            Output y = new Dense(3).seed(2).apply(g, h);
            try (Model m = new Model(g, x, y)) {
                m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, opts);
                m.verbose(0, System.out);
                losses[run++] = m.fit(new ArraySource(train[0], train[1], 16, false, 0), 3, null).get("loss").stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        assertArrayEquals(losses[0], losses[1], 1e-6);
    }

    @Test
    void callbacksStopEarlyRestoreWeightsAndScheduleTheLearningRate() {
        HostArray[] train = Blobs.make(64, 1);
        try (Sequential m = mlp(3)) {
            m.compile(new SGD(0.1), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
            m.verbose(0, System.out);
            double[] rates = new double[5];
            Callback record = new Callback() {
                @Override public void onEpochBegin(Model model, int epoch) { rates[epoch] = model.learningRate(); }
            };
            // A monitor that never improves after the first epoch: "accuracy" must rise by more than 2 to count.
            EarlyStopping stop = new EarlyStopping("accuracy", 2.0, 1, true);
            History h = m.fit(new ArraySource(train[0], train[1], 16, false, 0), 5, null, LearningRateScheduler.stepDecay(0.5, 1), record, stop);
            assertEquals(2, h.epochs(), "stops after patience 1 without improvement");
            assertEquals(1, stop.stoppedEpoch());
            assertEquals(0.05, rates[1], 1e-12);
            assertEquals(0.05, m.learningRate(), 1e-12, "restoring the best weights leaves the optimizer's state alone");
        }
    }

    @Test
    void fitNeedsCompile() {
        try (Sequential m = mlp(1)) {
            assertThrows(IllegalStateException.class, () -> m.trainOnBatch(Blobs.make(2, 1)[0], Blobs.make(2, 1)[1]));
        }
    }
}
