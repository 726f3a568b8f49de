package dev.triad.graph.io;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.GraphDef;
import dev.triad.graph.HeapBackend;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializers;
import dev.triad.graph.keras.Activation;
import dev.triad.graph.keras.ArraySource;
import dev.triad.graph.keras.Conv2D;
import dev.triad.graph.keras.Dense;
import dev.triad.graph.keras.Flatten;
import dev.triad.graph.keras.Losses;
import dev.triad.graph.keras.MaxPooling2D;
import dev.triad.graph.keras.Metrics;
import dev.triad.graph.keras.Model;
import dev.triad.graph.keras.ModelCheckpoint;
import dev.triad.graph.keras.Sequential;
import dev.triad.graph.train.Adam;
import dev.triad.graph.SessionOptions;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveLoadTest {
    @TempDir
    Path dir;

    private final HeapBackend backend = new HeapBackend();

    /** Tiny 6x6 images in 2 classes (bright left half or bright right half). */
    private static HostArray[] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 36];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            for (int p = 0; p < 36; p++) x[i * 36 + p] = ((p % 6 < 3) == (y[i] == 0) ? 1 : 0) + 0.3 * r.nextGaussian();
        }
        return new HostArray[] {HostArray.fromDoubles(DType.F32, Shape.of(n, 1, 6, 6), x), HostArray.fromLongs(DType.I64, Shape.of(n), y)};
    }

    private Sequential cnn() {
        return new Sequential(DType.F32, 1, 6, 6).seed(5)
                .add(new Conv2D(4, 3, 1, Conv2D.Padding.SAME, Activation.RELU))
                .add(new MaxPooling2D(2))
                .add(new Flatten())
                .add(new Dense(2));
    }

    @Test
    void aModelContinuesTrainingAfterLoadingExactlyAsIfNeverSaved() throws IOException {
        HostArray[] data = images(24, 1);
        ArraySource source = new ArraySource(data[0], data[1], 8, true, 9);
        try (Sequential original = cnn()) {
            original.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
            original.verbose(0, System.out);
            original.fit(source, 1, null);
            original.save(dir);
            HostArray before = original.predict(data[0], 24);
            List<Double> continued = original.fit(source, 2, null).get("loss");
            try (Model loaded = Model.load(dir, backend)) {
                loaded.verbose(0, System.out);
                assertArrayEquals(before.toDoubles(), loaded.predict(data[0], 24).toDoubles(), "loaded weights predict the same");
                assertEquals(0.01, loaded.learningRate(), 1e-12);
                List<Double> resumed = loaded.fit(source, 2, null).get("loss");
                assertEquals(continued, resumed, "optimizer state (Adam's moments and step) was restored too");
                assertTrue(loaded.evaluate(data[0], data[1], 24).containsKey("accuracy"));
            }
        }
        assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator().liveBlockReport());
    }

    @Test
    void theGraphTextRoundTripsWithUnknownDimsAttributesAndInitializers() throws IOException {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 2, 3);
        Variable w = g.variable("w", TensorType.of(DType.F32, 3, 4), Initializers.heNormal(4));
        Output c = g.constant("c", HostArray.fromDoubles(DType.F32, Shape.of(4), 1, 2, 3, 4));
        Output y = g.add(g.matmul(g.reshape(x, -1, 3), w), c);
        Output s = g.sum(g.softmax(y, 1), new int[] {1}, true);
        g.group(g.assign(w, g.sub(w, g.gradients(g.mean(s), List.of(w)).get(0))));
        String text = GraphDef.print(g);
        assertTrue(text.contains("%0 = placeholder : f32[?,2,3] \"x\""), text);
        assertTrue(text.contains("init \"he_normal(seed=4)\" trainable"), text);
        assertTrue(text.contains("dynamic_reshape(%0) {dims=[-1,3]} : f32[?,3]"), text);
        try (Session session = new Session(g, backend)) {
            session.initializeVariables();
            SavedGraph.save(dir, g, session);
            SavedGraph.Loaded loaded = SavedGraph.load(dir);
            assertEquals(text, GraphDef.print(loaded.graph()));
            HostArray in = HostArray.fromDoubles(DType.F32, Shape.of(1, 2, 3), 1, 2, 3, 4, 5, 6);
            try (Session again = new Session(loaded.graph(), backend)) {
                loaded.restoreInto(again);
                Output y2 = loaded.graph().output(y.name());
                assertArrayEquals(session.run(y, Map.of(x, in)).toDoubles(), again.run(y2, Map.of(loaded.graph().output("x"), in)).toDoubles());
            }
        }
    }

    @Test
    void corruptTruncatedAndMismatchedFilesGiveClearErrors() throws IOException {
        try (Sequential m = cnn()) {
            m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true), List.of(), backend, SessionOptions.DEFAULT);
            m.save(dir);
        }
        Path weights = dir.resolve(SavedGraph.WEIGHTS), graph = dir.resolve(SavedGraph.GRAPH);
        byte[] good = Files.readAllBytes(weights);
        String goodText = Files.readString(graph);

        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 10));
        SavedGraphException truncated = assertThrows(SavedGraphException.class, () -> Model.load(dir, backend));
        assertTrue(truncated.getMessage().contains("truncated") || truncated.getMessage().contains("outside"), truncated.getMessage());

        Files.write(weights, new byte[] {1, 2, 3});
        assertTrue(assertThrows(SavedGraphException.class, () -> Model.load(dir, backend)).getMessage().contains("truncated"));

        byte[] garbage = good.clone();
        garbage[9] = '#';
        Files.write(weights, garbage);
        String badHeader = assertThrows(SavedGraphException.class, () -> Model.load(dir, backend)).getMessage();
        assertTrue(badHeader.contains("corrupt") && badHeader.contains("header is not valid JSON"), badHeader);

        Files.write(weights, good);
        Files.writeString(graph, goodText.replace("f32[?,4,6,6]", "f32[?,5,6,6]"));
        SavedGraphException mismatch = assertThrows(SavedGraphException.class, () -> Model.load(dir, backend));
        assertTrue(mismatch.getMessage().contains("different graph"), mismatch.getMessage());

        Files.writeString(graph, goodText);
        Files.delete(dir.resolve(ModelFiles.ROLES));
        assertTrue(assertThrows(SavedGraphException.class, () -> Model.load(dir, backend)).getMessage().contains("missing"));
    }

    @Test
    void theParserNamesTheLineAndTheProblem() {
        String header = GraphDef.HEADER + "\n";
        GraphException unknown = assertThrows(GraphException.class, () -> GraphDef.parse(header + "%0 = frobnicate : f32[2] \"x\"\n", Map.of()));
        assertTrue(unknown.getMessage().contains("graph line 2") && unknown.getMessage().contains("unknown op 'frobnicate'"), unknown.getMessage());
        GraphException type = assertThrows(GraphException.class, () -> GraphDef.parse(header
                + "%0 = placeholder : f32[?,3] \"x\"\n%1 = exp(%0) : f32[?,4] \"e\"\n", Map.of()));
        assertTrue(type.getMessage().contains("declared f32[?,4] but its op infers f32[?,3]"), type.getMessage());
        GraphException forward = assertThrows(GraphException.class, () -> GraphDef.parse(header + "%0 = exp(%1) : f32[3] \"e\"\n", Map.of()));
        assertTrue(forward.getMessage().contains("used before it is defined"), forward.getMessage());
        GraphException constant = assertThrows(GraphException.class, () -> GraphDef.parse(header + "%0 = constant : f32[3] \"c\"\n", Map.of()));
        assertTrue(constant.getMessage().contains("missing from the weights"), constant.getMessage());
        assertThrows(GraphException.class, () -> GraphDef.parse("something else\n", Map.of()));
    }

    @Test
    void checkpointsAreLoadableModels() throws IOException {
        HostArray[] data = images(16, 2);
        try (Sequential m = cnn()) {
            m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
            m.verbose(0, System.out);
            ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("best"), "loss", true);
            m.fit(new ArraySource(data[0], data[1], 8, false, 0), 3, null, ckpt);
            assertTrue(ckpt.saves() >= 1);
            try (Model loaded = Model.load(dir.resolve("best"), backend)) {
                assertEquals(Shape.of(16, 2), loaded.predict(data[0], 8).shape());
            }
        }
    }
}
