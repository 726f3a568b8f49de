package dev.triad.functional.optim;

import dev.triad.functional.Array;

/**
 * A value that depends on the step count, e.g. a learning rate. It is a function of an array
 * (an I32 scalar) so it works unchanged inside {@code jit}, where the count is traced.
 */
@FunctionalInterface
public interface Schedule {
    /** The value at step {@code count} (an F32 scalar). */
    Array apply(Array count);
}
