package dev.triad.graph;

/**
 * Something a {@link Session} can run: an {@link Output} (whose value is fetched) or an
 * {@link Operation} (run for its effects, such as a training step's variable updates).
 */
public sealed interface Fetchable permits Output, Operation {
    /** The node's position in its graph; nodes only read earlier nodes. */
    int id();

    /** The node's unique name in its graph, e.g. {@code dense/matmul}. */
    String name();

    /** The graph the node belongs to. */
    GraphBuilder graph();
}
