package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;

/**
 * Examples stacked along a new leading axis.
 *
 * @param index   the batch's position in its epoch (0-based), what a checkpoint records to resume
 * @param inputs  {@code [B, ...input shape]}
 * @param targets {@code [B, ...target shape]}
 */
public record Batch(int index, HostArray inputs, HostArray targets) {
    /** The number of examples, {@code B}. */
    public int size() { return (int) inputs.shape().dim(0); }
}
