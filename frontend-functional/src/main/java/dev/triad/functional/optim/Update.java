package dev.triad.functional.optim;

/**
 * The result of {@link GradientTransformation#update}.
 *
 * @param updates what to add to the parameters ({@link Optimizers#applyUpdates})
 * @param state the optimizer's new state
 * @param <P> the parameters' type
 */
public record Update<P>(P updates, Object state) {}
