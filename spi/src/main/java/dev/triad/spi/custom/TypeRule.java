package dev.triad.spi.custom;

import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * The shape and dtype rule of an index-space {@link CustomOp}: the result type for valid input
 * types. A rule rejects invalid inputs with a {@link dev.triad.spi.error.TriadException}
 * subclass ({@link dev.triad.spi.error.ShapeException}, {@link dev.triad.spi.error.DTypeException})
 * naming the op; arity and declared input dtypes are checked before it runs.
 */
@FunctionalInterface
public interface TypeRule {
    /** The result type of the op applied to inputs of {@code inputs}' types. */
    TensorType resultType(List<TensorType> inputs);
}
