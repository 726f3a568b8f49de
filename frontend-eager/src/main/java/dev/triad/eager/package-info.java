/**
 * The eager front-end in the style of PyTorch: {@link dev.triad.eager.Tensor} runs every op at
 * once on a backend through the spi's {@link dev.triad.spi.backend.Dispatch}, records a tape
 * entry when gradients are wanted, and {@link dev.triad.eager.Autograd} walks the tape applying
 * the spi's VJP rules through the same eager algebra ({@link dev.triad.eager.EagerOps}), so
 * higher-order gradients come for free.
 *
 * <p>What lives here: tensors and their factories ({@link dev.triad.eager.Tensors}), views that
 * share storage and a version counter, in-place ops checked by autograd, scopes that release
 * memory deterministically ({@link dev.triad.eager.Scope}), counter-based random numbers
 * ({@link dev.triad.eager.Generator}) and the default backend ({@link dev.triad.eager.Triad}).
 * No derivative and no shape rule is written in this package: both come from the spi.
 */
package dev.triad.eager;
