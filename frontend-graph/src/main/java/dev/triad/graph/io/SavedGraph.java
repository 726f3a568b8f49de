package dev.triad.graph.io;

import dev.triad.graph.Fetchable;
import dev.triad.graph.FrontOps;
import dev.triad.graph.GraphBuilder;
import dev.triad.graph.GraphDef;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.Variable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.io.Safetensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A graph with its variables' values on disk, in a directory:
 * <ul>
 *   <li>{@value #GRAPH}: the graph in its text form ({@link GraphDef});</li>
 *   <li>{@value #WEIGHTS}: safetensors holding every variable's value and every constant's,
 *       each under its node's name, with metadata {@code format=triad-graph} and
 *       {@code graph_sha256}, the hash of the graph text, so that weights saved with another
 *       graph are refused.</li>
 * </ul>
 */
public final class SavedGraph {
    private SavedGraph() {}

    /** The graph file's name. */
    public static final String GRAPH = "graph.txt";
    /** The weights file's name. */
    public static final String WEIGHTS = "weights.safetensors";

    /**
     * A graph read back with its saved values.
     *
     * @param graph the graph
     * @param values every variable's saved value, by name
     */
    public record Loaded(GraphBuilder graph, Map<String, HostArray> values) {
        /** Sets every variable of the graph in {@code session} (which must run this graph) to its saved value. */
        public void restoreInto(Session session) {
            for (Variable v : graph.variables()) session.write(v, values.get(v.name()));
        }
    }

    /** Saves {@code graph} and the values its variables have in {@code session} into {@code dir} (created if needed). */
    public static void save(Path dir, GraphBuilder graph, Session session) throws IOException {
        if (session.graph() != graph) throw new IllegalArgumentException("the session runs another graph");
        Files.createDirectories(dir);
        String text = GraphDef.print(graph);
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        for (Fetchable f : graph.nodes()) {
            if (f instanceof Variable v) {
                if (!session.isInitialized(v)) throw new IllegalStateException("variable '" + v.name() + "' has no value in the session; initialise it first");
                tensors.put(v.name(), session.read(v));
            } else if (f instanceof Output o && o.op().equals(FrontOps.CONSTANT)) {
                tensors.put(o.name(), constantValue(session, o));
            }
        }
        Files.writeString(dir.resolve(GRAPH), text, StandardCharsets.UTF_8);
        // Sorted, so that saving the same graph and values always gives the same bytes.
        Safetensors.write(dir.resolve(WEIGHTS), tensors, new TreeMap<>(Map.of("format", "triad-graph", "graph_sha256", sha256(text))));
    }

    /** A constant's value: running it (a constant needs no feeds) reads it back exactly. */
    private static HostArray constantValue(Session session, Output constant) { return session.run(constant, Map.of()); }

    /**
     * Loads a graph and its values.
     *
     * @throws SavedGraphException when a file is missing, corrupt or truncated, when the
     *     weights were saved with another graph, or when a variable's value is missing or has
     *     another type
     */
    public static Loaded load(Path dir) throws IOException {
        Path graphFile = dir.resolve(GRAPH), weightsFile = dir.resolve(WEIGHTS);
        String text;
        Safetensors.Contents weights;
        try {
            text = Files.readString(graphFile, StandardCharsets.UTF_8);
            weights = Safetensors.read(weightsFile);
        } catch (NoSuchFileException e) {
            throw new SavedGraphException(Path.of(e.getFile()), "missing; a saved graph directory holds " + GRAPH + " and " + WEIGHTS, e);
        } catch (CorruptFileException e) {
            throw new SavedGraphException(weightsFile, "corrupt or truncated weights: " + e.detail(), e);
        }
        if (!"triad-graph".equals(weights.metadata().get("format"))) {
            throw new SavedGraphException(weightsFile, "not the weights of a saved graph (metadata format is " + weights.metadata().get("format") + ")");
        }
        if (!sha256(text).equals(weights.metadata().get("graph_sha256"))) {
            throw new SavedGraphException(weightsFile, "was saved with a different graph than " + graphFile + " (graph hash mismatch)");
        }
        GraphBuilder g;
        try {
            g = GraphDef.parse(text, weights.tensors());
        } catch (TriadException e) {
            throw new SavedGraphException(graphFile, e.getMessage(), e);
        }
        Map<String, HostArray> values = new LinkedHashMap<>();
        for (Variable v : g.variables()) {
            HostArray a = weights.tensors().get(v.name());
            if (a == null) throw new SavedGraphException(weightsFile, "has no value for variable '" + v.name() + "'");
            if (!a.type().equals(v.type())) {
                throw new SavedGraphException(weightsFile, "variable '" + v.name() + "' is " + v.type() + " in the graph but " + a.type() + " in the weights");
            }
            values.put(v.name(), a);
        }
        return new Loaded(g, values);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
