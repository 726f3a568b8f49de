package dev.triad.spi.custom;

import dev.triad.spi.ops.Ops;

import java.util.List;

/**
 * The reverse-mode rule of a {@link CustomOp}, written only through {@code ops}: a composition
 * of existing ops, so the same rule serves eager autograd, symbolic gradients in a graph and
 * the functional front-end's {@code grad}. Because the method is generic it is written as an
 * anonymous class, not a lambda.
 */
public interface CustomVjp {
    /**
     * The cotangent of each input given the output's cotangent.
     *
     * @param inputs the op's inputs
     * @param output the op's result
     * @param cotangent the cotangent of the result (the result's type)
     * @return one entry per input, each of that input's type; null for an input that carries no gradient
     */
    <T> List<T> vjp(Ops<T> ops, List<T> inputs, T output, T cotangent);
}
