package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;

/** A loss: a scalar from labels and predictions, and the placeholder its labels are fed to. */
public interface Loss {
    /** The name used in logs, e.g. {@code loss}. */
    default String name() { return "loss"; }

    /** A placeholder for the labels of predictions like {@code predictions}. */
    Output labels(GraphBuilder g, Output predictions);

    /** The mean loss of a batch. */
    Output compute(GraphBuilder g, Output labels, Output predictions);
}
