package dev.triad.spi.custom;

import dev.triad.spi.ops.Ops;

import java.util.List;

/**
 * The forward-mode rule of a {@link CustomOp}, written only through {@code ops}. Optional:
 * an elementwise op with a VJP derives its JVP from it; an index-space op needs this for
 * forward mode ({@code jvp}, {@code linearize}).
 */
public interface CustomJvp {
    /**
     * The tangent of the result given one tangent per input.
     *
     * @param inputs the op's inputs
     * @param output the op's result
     * @param tangents one per input, of that input's type
     */
    <T> T jvp(Ops<T> ops, List<T> inputs, T output, List<T> tangents);
}
