package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializer;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * A Keras-style layer: the first {@link #apply} creates its weights in the graph (inside a name
 * scope of the layer's name), every call adds its ops, and later calls share the same weights.
 * A layer belongs to the graph it was first applied in.
 */
public abstract class Layer {
    private String name;
    private long seed;
    private boolean seeded;
    private GraphBuilder graph;
    private final List<Variable> weights = new ArrayList<>();

    /** A layer called {@code name} (unique names make the graph readable and saved weights stable). */
    protected Layer(String name) { this.name = name; }

    /** The layer's name, the scope of its nodes. */
    public String name() { return name; }

    /** Renames the layer (before it is applied). */
    public Layer named(String newName) {
        if (graph != null) throw new IllegalStateException("layer '" + name + "' is already built");
        this.name = newName;
        return this;
    }

    /** Sets the seed of the layer's random initializers (before it is applied); by default it comes from the name. */
    public Layer seed(long s) {
        if (graph != null) throw new IllegalStateException("layer '" + name + "' is already built");
        this.seed = s;
        this.seeded = true;
        return this;
    }

    /** The seed for random initializers. */
    protected long seed() { return seeded ? seed : name.hashCode(); }

    /** The layer's variables, once built. */
    public List<Variable> weights() { return List.copyOf(weights); }

    /** Number of scalar weights. */
    public long parameterCount() {
        long n = 0;
        for (Variable v : weights) n += v.type().numel();
        return n;
    }

    /** Applies the layer to {@code x}, building its weights on the first call. */
    public final Output apply(GraphBuilder g, Output x) {
        if (graph != null && graph != g) throw new GraphException("layer '" + name + "' belongs to another graph");
        if (graph == null) name = uniqueScope(g, name);
        try (GraphBuilder.Scope _ = g.scope(name)) {
            if (graph == null) {
                build(g, x);
                graph = g;
            }
            return call(g, x);
        }
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... if nodes of the graph already use that scope (as Keras names layers). */
    private static String uniqueScope(GraphBuilder g, String base) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (var f : g.nodes()) {
            int slash = f.name().indexOf('/');
            if (slash > 0) used.add(f.name().substring(0, slash));
        }
        if (!used.contains(base)) return base;
        for (int i = 1; ; i++) if (!used.contains(base + "_" + i)) return base + "_" + i;
    }

    /** Creates the weights for inputs like {@code x}; nothing by default. */
    protected void build(GraphBuilder g, Output x) {}

    /** Adds the layer's ops for input {@code x}. */
    protected abstract Output call(GraphBuilder g, Output x);

    /** Creates a trainable weight of the layer. */
    protected final Variable addWeight(GraphBuilder g, String weightName, TensorType type, Initializer init) {
        Variable v = g.variable(weightName, type, init);
        weights.add(v);
        return v;
    }

    /** A one-line description for {@link Model#summary()}. */
    public String describe() { return getClass().getSimpleName(); }
}
