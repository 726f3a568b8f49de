package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * Derivative and batching rules of a composite, derived from its decomposition: the
 * decomposition is run over a recording {@link Ops} and the primitives' own rules are applied
 * to the recorded steps. A composite may still override these with a direct rule.
 */
public final class DecompositionRules {
    private DecompositionRules() {}

    /** VJP of {@code composite} through its decomposition. */
    public static <T> List<T> vjp(Ops<T> ops, Primitive composite, List<T> inputs, T cotangent, Attrs attrs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** JVP of {@code composite} through its decomposition. */
    public static <T> T jvp(Ops<T> ops, Primitive composite, List<T> inputs, List<T> tangents, Attrs attrs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Batching of {@code composite} through its decomposition. */
    public static <T> Batched<T> batch(Ops<T> ops, Primitive composite, List<T> inputs, int[] dims, Attrs attrs) {
        throw new UnsupportedOperationException("TODO");
    }
}
