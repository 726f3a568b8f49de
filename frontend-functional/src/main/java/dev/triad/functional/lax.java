package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * Direct access to the op IR ({@code jax.lax}): any primitive or composite of the spi registry
 * applied to arrays in whatever transformation is active, and the generic algebra over arrays
 * that the spi's rules are written against.
 */
public final class lax {
    private lax() {}

    /** {@code p} applied to {@code inputs} with {@code attrs} (JAX's {@code Primitive.bind}). */
    public static Array bind(Primitive p, Attrs attrs, List<Array> inputs) { return Core.bind(p, attrs, inputs); }

    /** {@code p} applied to {@code inputs} with {@code attrs}. */
    public static Array bind(Primitive p, Attrs attrs, Array... inputs) { return Core.bind(p, attrs, List.of(inputs)); }

    /** The generic algebra over arrays: every {@link Ops} helper, applied through the active transformations. */
    public static Ops<Array> ops() { return ArrayOps.OPS; }
}
