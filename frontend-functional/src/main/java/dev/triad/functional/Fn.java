package dev.triad.functional;

/**
 * A pure function of any number of pytree arguments returning a pytree: the general form the
 * transformations accept when a {@link java.util.function.Function} (one argument) or
 * {@link java.util.function.BiFunction} (two) does not fit. Tuples are lists, as JAX's tuples
 * are pytree nodes.
 *
 * <pre>{@code
 * Fn f = args -> np.sum(np.multiply((Array) args[0], (Array) args[1]));
 * Fn df = Transforms.grad(f, 0, 1);             // gradients for both arguments, as a list
 * List<?> g = (List<?>) df.apply(x, y);
 * }</pre>
 */
@FunctionalInterface
public interface Fn {
    /** Applies the function. */
    Object apply(Object... args);
}
