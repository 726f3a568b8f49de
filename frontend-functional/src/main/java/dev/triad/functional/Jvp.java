package dev.triad.functional;

/**
 * What {@code jvp} returns: the function's output and its directional derivative.
 *
 * @param primalOut the output {@code f(primals)}
 * @param tangentOut the derivative of the output along the tangents
 * @param <T> the output's type
 */
public record Jvp<T>(T primalOut, T tangentOut) {}
