/**
 * One training step per front-end on the same network, weights and batch: the MLP 784-256-10
 * at batch 128 with SGD, and the MNIST CNN (conv 3x3x32, ReLU, max-pool 2, dense 128, ReLU,
 * dense 10) at batch 32 with Adam. Each front-end is driven through its public API the way a
 * user would (eager: modules, a loss, an optimizer; graph: builder, optimizer update ops, a
 * session; functional: {@code jit} of value-and-grad plus an optax-style update).
 *
 * <p>The check trains two steps from the shared initial weights and compares both losses with
 * a float64 trainer written out by hand ({@link dev.triad.bench.training.ReferenceTrainer}), so
 * the first loss checks the forward pass and the second checks gradients and the optimizer.
 * {@link dev.triad.bench.training.MemoryProbe} measures the device and heap memory of a step.
 */
package dev.triad.bench.training;
