/**
 * Optimizers as pure functions, in the style of Optax: a
 * {@link dev.triad.functional.optim.GradientTransformation} has {@code init(params)} and
 * {@code update(grads, state, params)}, both returning new pytrees, composed with
 * {@link dev.triad.functional.optim.Optimizers#chain}; learning rates may be
 * {@link dev.triad.functional.optim.Schedules}.
 */
package dev.triad.functional.optim;
