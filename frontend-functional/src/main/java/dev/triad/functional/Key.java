package dev.triad.functional;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/**
 * A random key: two 32-bit words of Threefry-2x32 state ({@code i32[2]}), made with
 * {@link random#key} and derived with {@link random#split} and {@link random#foldIn}. A key is
 * a pytree (a record of one array), so it passes through {@code jit}, {@code vmap} and the
 * other transformations like any other argument; a batch of keys is {@code i32[n, 2]}.
 *
 * @param data the two words, {@code i32[2]}
 */
public record Key(Array data) {
    /** Checks that {@code data} is {@code i32[2]}. */
    public Key {
        if (data.dtype() != DType.I32) throw new DTypeException("key", "key data has type " + data.type() + "; expected i32[2]");
        if (!data.shape().equals(Shape.of(2))) throw new ShapeException("key", "key data has type " + data.type() + "; expected i32[2]");
    }
}
