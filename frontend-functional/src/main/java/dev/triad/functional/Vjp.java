package dev.triad.functional;

import java.util.function.Function;

/**
 * What {@code vjp} returns: the function's output and its pullback, which maps a cotangent of
 * the output to cotangents of the inputs and may be called any number of times (e.g. under
 * {@code vmap} to build a Jacobian). At the top level the values the pullback needs stay alive
 * until {@link #close()}.
 *
 * @param <B> the output's type (and the cotangent's)
 * @param <G> the inputs' cotangents' type
 */
public final class Vjp<B, G> implements AutoCloseable {
    private final B out;
    private final Function<B, G> pullback;
    private final Runnable release;

    Vjp(B out, Function<B, G> pullback, Runnable release) {
        this.out = out;
        this.pullback = pullback;
        this.release = release;
    }

    /** The function's output. */
    public B out() { return out; }

    /** The inputs' cotangents for {@code cotangent}, which has the output's structure and types. */
    public G pullback(B cotangent) { return pullback.apply(cotangent); }

    /** Releases the values kept for the pullback. */
    @Override
    public void close() { release.run(); }
}
