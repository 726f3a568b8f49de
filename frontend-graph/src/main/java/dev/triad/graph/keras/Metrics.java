package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.spi.types.DType;

/** The standard metrics. */
public final class Metrics {
    private Metrics() {}

    /** The fraction of rows whose highest score is at the integer label (Keras' sparse categorical accuracy). */
    public static Metric accuracy() {
        return new Metric() {
            @Override public String name() { return "accuracy"; }
            @Override public Output compute(GraphBuilder g, Output labels, Output predictions) {
                Output hit = g.eq(g.argmax(predictions, predictions.rank() - 1, false), g.cast(labels, DType.I64));
                return g.mean(g.cast(hit, DType.F32));
            }
        };
    }

    /** Mean absolute error over all elements. */
    public static Metric meanAbsoluteError() {
        return new Metric() {
            @Override public String name() { return "mae"; }
            @Override public Output compute(GraphBuilder g, Output labels, Output predictions) {
                return g.mean(g.abs(g.sub(predictions, labels)));
            }
        };
    }
}
