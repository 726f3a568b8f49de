package dev.triad.graph;

import java.util.List;

/**
 * A node without a value that groups other nodes, like {@code tf.group}: running it runs
 * everything it depends on (typically the variable updates of a training step).
 */
public final class Operation implements Fetchable {
    private final GraphBuilder graph;
    private final int id;
    private final List<Fetchable> dependencies;
    private String name;

    Operation(GraphBuilder graph, int id, String name, List<Fetchable> dependencies) {
        this.graph = graph;
        this.id = id;
        this.name = name;
        this.dependencies = List.copyOf(dependencies);
    }

    @Override public GraphBuilder graph() { return graph; }
    @Override public int id() { return id; }
    @Override public String name() { return name; }

    void rename(String n) { this.name = n; }

    /** What running this operation runs. */
    public List<Fetchable> dependencies() { return dependencies; }

    @Override
    public String toString() { return "operation " + name; }
}
