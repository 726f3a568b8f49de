package dev.triad.graph.init;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.TensorType;

/**
 * Makes a variable's initial value. Implementations are deterministic: the same initializer
 * gives the same bits every time, and its {@link #spec()} text recreates it through
 * {@link Initializers#parse}, which is how saved graphs keep their initializers.
 */
public interface Initializer {
    /** The initial value for a variable of {@code type}. */
    HostArray initialValue(TensorType type);

    /** The text form, e.g. {@code glorot_uniform(seed=3)}. */
    String spec();
}
