package dev.triad.spi.autodiff;

/**
 * A function's output together with its tangent (directional derivative).
 *
 * @param output the function's result
 * @param tangent the derivative of the output along the given input tangents
 * @param <T> the value type
 */
public record JvpResult<T>(T output, T tangent) {}
