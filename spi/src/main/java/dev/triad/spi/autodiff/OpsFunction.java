package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Ops;

import java.util.List;

/**
 * A function written against the generic algebra: it must compute only through the
 * {@code ops} it is given (that is how {@link Autodiff} sees what it does, and how nested
 * differentiation sees the inner one).
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface OpsFunction<T> {
    /** Computes the result from {@code inputs} using only {@code ops}. */
    T apply(Ops<T> ops, List<T> inputs);
}
