package dev.triad.functional.optim;

/**
 * An optimizer as a pair of pure functions (Optax's {@code GradientTransformation}):
 * {@link #init} makes the state for some parameters, {@link #update} turns gradients into
 * updates and a new state. Nothing is modified in place; states are pytrees, so a whole
 * training step can be jitted.
 *
 * <pre>{@code
 * GradientTransformation opt = Optimizers.chain(Optimizers.clipByGlobalNorm(1.0), Optimizers.adam(1e-3));
 * Object state = opt.init(params);
 * Update<Params> u = opt.update(grads, state, params);
 * params = Optimizers.applyUpdates(params, u.updates());
 * state = u.state();
 * }</pre>
 */
public interface GradientTransformation {
    /** The initial state for {@code params} (a pytree). */
    Object init(Object params);

    /**
     * The updates for {@code grads} (to be added to the parameters) and the new state.
     *
     * @param grads gradients, of the parameters' structure
     * @param state the current state
     * @param params the current parameters (used by weight decay; may be null for the others)
     */
    <P> Update<P> update(P grads, Object state, P params);
}
