package dev.triad.functional.optim;

import dev.triad.functional.Array;

import java.util.List;

/** The optimizer states: records of pytrees, so they flatten, jit and vmap like parameters. */
public final class States {
    private States() {}

    /** The state of a stateless transformation. */
    public record Empty() {}

    /**
     * Momentum ({@code optax.trace}).
     *
     * @param trace the running momentum, of the parameters' structure
     */
    public record Trace(Object trace) {}

    /**
     * Adam's moments.
     *
     * @param count steps taken so far (I32 scalar)
     * @param mu first moment, of the parameters' structure
     * @param nu second moment, of the parameters' structure
     */
    public record ScaleByAdam(Array count, Object mu, Object nu) {}

    /**
     * A schedule's step count.
     *
     * @param count steps taken so far (I32 scalar)
     */
    public record Count(Array count) {}

    /**
     * The states of a {@link Optimizers#chain}, one per transformation.
     *
     * @param states the inner states, in order
     */
    public record Chain(List<Object> states) {}
}
