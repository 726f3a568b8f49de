package dev.triad.functional;

import java.util.function.Function;

/**
 * What {@code linearize} returns: the function's output and its linear approximation at the
 * primals, {@code t -> jvp(f, primals, t).tangentOut}, with the primal part evaluated once and
 * only the linear part run per call. At the top level the values it needs stay alive until
 * {@link #close()}.
 *
 * @param <A> the inputs' (and tangents') type
 * @param <B> the output's type
 */
public final class Linearized<A, B> implements AutoCloseable {
    private final B out;
    private final Function<A, B> linear;
    private final Runnable release;

    Linearized(B out, Function<A, B> linear, Runnable release) {
        this.out = out;
        this.linear = linear;
        this.release = release;
    }

    /** The function's output at the primals. */
    public B out() { return out; }

    /** The derivative of the output along {@code tangent}. */
    public B apply(A tangent) { return linear.apply(tangent); }

    /** Releases the values and compiled code kept for the linear map. */
    @Override
    public void close() { release.run(); }
}
