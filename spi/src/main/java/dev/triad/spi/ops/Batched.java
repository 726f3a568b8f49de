package dev.triad.spi.ops;

/**
 * A value with a batch dimension, as produced by a batching rule.
 *
 * @param value the batched value
 * @param batchDim the axis that carries the batch, or {@link #NOT_BATCHED}
 * @param <T> the front-end's value type
 */
public record Batched<T>(T value, int batchDim) {
    /** Marks a value that has no batch dimension. */
    public static final int NOT_BATCHED = -1;
}
