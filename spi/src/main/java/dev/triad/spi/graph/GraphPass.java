package dev.triad.spi.graph;

/**
 * A graph-to-graph transformation (dead code elimination, CSE, constant folding,
 * simplification, fusion grouping). A pass keeps the graph's signature: the same parameter
 * types in the same order and outputs of the same types. It returns its input unchanged
 * (the same object) when it finds nothing to do, which lets a pipeline see a fixed point.
 */
public interface GraphPass {
    /** The transformed graph; {@code graph} itself when nothing changed. {@code graph} must be valid. */
    Graph apply(Graph graph);

    /** A short name for messages and logs, e.g. {@code dce}. */
    String name();
}
