package dev.triad.graph.keras;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;

/**
 * One batch: inputs and labels with the same leading size.
 *
 * @param x the inputs, {@code [N, ...]}
 * @param y the labels, {@code [N, ...]} (null when only predicting)
 */
public record Batch(HostArray x, HostArray y) {
    /** Checks that the leading sizes agree. */
    public Batch {
        if (x == null || x.shape().rank() == 0) throw new IllegalArgumentException("a batch needs inputs with a batch axis");
        if (y != null && (y.shape().rank() == 0 || y.shape().dim(0) != x.shape().dim(0))) {
            throw new ShapeException("batch", "inputs " + x.type() + " and labels " + y.type() + " do not have the same batch size");
        }
    }

    /** Number of examples. */
    public int size() { return (int) x.shape().dim(0); }
}
