package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.spi.types.DType;

/** The standard losses, by their Keras names. */
public final class Losses {
    private Losses() {}

    /**
     * Cross-entropy of class scores {@code [N, C]} against integer labels {@code [N]} (i64),
     * like Keras' {@code SparseCategoricalCrossentropy}. With {@code fromLogits} the predictions
     * are logits (the op IR's cross-entropy takes them directly); otherwise they are
     * probabilities, whose logarithms are logits up to a constant.
     */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new Loss() {
            @Override public Output labels(GraphBuilder g, Output predictions) {
                return g.placeholder("labels", DType.I64, predictions.shape().dim(0));
            }
            @Override public Output compute(GraphBuilder g, Output labels, Output predictions) {
                Output logits = fromLogits ? predictions : g.log(predictions);
                return g.crossEntropy(logits, labels, 0.0);
            }
        };
    }

    /** Mean squared error over all elements; labels have the predictions' type. */
    public static Loss meanSquaredError() {
        return new Loss() {
            @Override public Output labels(GraphBuilder g, Output predictions) {
                return g.placeholder("labels", predictions.dtype(), predictions.shape().toArray());
            }
            @Override public Output compute(GraphBuilder g, Output labels, Output predictions) {
                Output d = g.sub(predictions, labels);
                return g.mean(g.mul(d, d));
            }
        };
    }
}
