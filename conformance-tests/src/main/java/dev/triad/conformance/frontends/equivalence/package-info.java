/**
 * Front-end equivalence on each backend: one small MLP, initialised with the same weights and
 * trained with plain SGD on the same seeded batches, must give the same loss trajectory through
 * the eager (autograd and {@code optim.SGD}), graph (Keras-style {@code Sequential} in a session)
 * and functional ({@code jit} of {@code valueAndGrad} with the Optax-style SGD) front-ends.
 * {@link dev.triad.conformance.frontends.equivalence.FrontendEquivalenceCheck} is the check;
 * it uses only the three front-ends' public APIs.
 */
package dev.triad.conformance.frontends.equivalence;
