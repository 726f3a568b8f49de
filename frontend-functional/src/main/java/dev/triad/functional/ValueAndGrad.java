package dev.triad.functional;

/**
 * What {@code valueAndGrad} returns: the function's value and its gradient.
 *
 * @param value the function's (scalar) output
 * @param grad the gradient, with the structure of the differentiated argument(s)
 * @param <G> the gradient's type
 */
public record ValueAndGrad<G>(Array value, G grad) {}
