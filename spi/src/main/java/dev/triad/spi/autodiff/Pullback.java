package dev.triad.spi.autodiff;

import java.util.List;

/**
 * The reverse-mode half of a {@link VjpResult}: maps the output's cotangent to the inputs'.
 * It may be called any number of times.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Pullback<T> {
    /**
     * The cotangent of each input given the output's cotangent (of the output's type): null
     * for integer and bool inputs, zeros for inputs the output does not depend on.
     */
    List<T> apply(T cotangent);
}
