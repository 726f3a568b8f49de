/**
 * Triad's JMH benchmarks and what they share. Every benchmark is a JMH class parameterised over
 * the backends ServiceLoader finds ({@code backend}) and, for training, over the front-ends
 * ({@code frontend}); each synchronises the device before its measured region ends, and checks
 * its output once against a reference before it is timed, so a fast wrong kernel fails instead
 * of winning.
 *
 * <p>Subpackages: {@code kernels} (matmul, conv, elementwise chain, softmax, layer norm,
 * reductions, transposed copies), {@code overhead} (dispatch cost, a 20-op eager chain),
 * {@code training} (one training step per front-end, plus the memory probe), {@code compile}
 * (jit, graph session and OpenCL program build times), {@code check} (references and the
 * comparisons), {@code report} (the runner and the HTML/Markdown/JSON report).
 * {@link dev.triad.bench.Catalog} lists every benchmark class with its group, its parameter
 * subsets per profile and its work model (FLOPs and bytes per operation).
 */
package dev.triad.bench;
