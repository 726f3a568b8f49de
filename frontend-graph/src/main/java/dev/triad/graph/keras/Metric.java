package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;

/**
 * A metric: a scalar per batch, averaged over the batches of an epoch weighted by their sizes
 * (so a smaller last batch counts for what it holds).
 */
public interface Metric {
    /** The name used in logs, e.g. {@code accuracy}. */
    String name();

    /** The metric's value over one batch. */
    Output compute(GraphBuilder g, Output labels, Output predictions);
}
