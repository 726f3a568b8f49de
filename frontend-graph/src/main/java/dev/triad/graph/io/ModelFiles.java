package dev.triad.graph.io;

import dev.triad.graph.Fetchable;
import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Operation;
import dev.triad.graph.Output;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.Variable;
import dev.triad.graph.keras.Model;
import dev.triad.spi.backend.Backend;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Keras-style model on disk: a {@link SavedGraph} (graph and every variable, optimizer state
 * included) plus {@value #ROLES}, a properties file naming the model's nodes: {@code input},
 * {@code output}, {@code labels}, {@code loss}, {@code train}, {@code learning_rate}, and
 * {@code metrics} (comma-separated metric names) with {@code metric.NAME} for each.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** The roles file's name. */
    public static final String ROLES = "model.properties";

    /** Saves a compiled model. */
    public static void save(Model m, Path dir) throws IOException {
        Model.Compiled c = m.compiled();
        SavedGraph.save(dir, m.graph(), m.session());
        Properties p = new Properties();
        p.setProperty("input", m.input().name());
        p.setProperty("output", m.output().name());
        p.setProperty("labels", c.labels().name());
        p.setProperty("loss", c.loss().name());
        p.setProperty("train", c.trainStep().name());
        p.setProperty("learning_rate", c.learningRate().name());
        p.setProperty("metrics", String.join(",", c.metrics().keySet()));
        for (Map.Entry<String, Output> e : c.metrics().entrySet()) p.setProperty("metric." + e.getKey(), e.getValue().name());
        try (Writer w = Files.newBufferedWriter(dir.resolve(ROLES), StandardCharsets.UTF_8)) {
            p.store(w, "triad graph model: node names of the model's roles");
        }
    }

    /** Loads a model saved by {@link #save} onto {@code backend}, compiled, with every variable restored. */
    public static Model load(Path dir, Backend backend) throws IOException {
        Path rolesFile = dir.resolve(ROLES);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(rolesFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new SavedGraphException(rolesFile, "missing; a saved model directory holds " + ROLES + " beside the saved graph", e);
        }
        SavedGraph.Loaded loaded = SavedGraph.load(dir);
        GraphBuilder g = loaded.graph();
        Model m = new Model(g, output(g, p, rolesFile, "input"), output(g, p, rolesFile, "output"));
        Map<String, Output> metrics = new LinkedHashMap<>();
        String names = p.getProperty("metrics", "");
        if (!names.isBlank()) {
            for (String n : names.split(",")) metrics.put(n, output(g, p, rolesFile, "metric." + n));
        }
        if (!(node(g, p, rolesFile, "train") instanceof Operation train)) throw new SavedGraphException(rolesFile, "'train' does not name a group");
        if (!(node(g, p, rolesFile, "learning_rate") instanceof Variable lr)) throw new SavedGraphException(rolesFile, "'learning_rate' does not name a variable");
        m.attachCompiled(output(g, p, rolesFile, "labels"), output(g, p, rolesFile, "loss"), metrics, train, lr, backend, SessionOptions.DEFAULT);
        loaded.restoreInto(m.session());
        return m;
    }

    private static Fetchable node(GraphBuilder g, Properties p, Path file, String role) {
        String name = p.getProperty(role);
        if (name == null) throw new SavedGraphException(file, "has no entry '" + role + "'");
        Fetchable f = g.byName(name);
        if (f == null) throw new SavedGraphException(file, "'" + role + "' names '" + name + "', which is not a node of the saved graph");
        return f;
    }

    private static Output output(GraphBuilder g, Properties p, Path file, String role) {
        if (!(node(g, p, file, role) instanceof Output o)) throw new SavedGraphException(file, "'" + role + "' does not name a value");
        return o;
    }
}
