package dev.triad.spi.autodiff;

/**
 * A function's output together with its pullback.
 *
 * @param output the function's result
 * @param pullback maps the output's cotangent to the inputs' cotangents
 * @param <T> the value type
 */
public record VjpResult<T>(T output, Pullback<T> pullback) {}
