/**
 * Run-time code generation for fused elementwise chains: a {@link dev.triad.backend.cpu.gen.ChainSignature}
 * (lane type, the chain's ops in order, and which inputs are broadcast) is turned by
 * {@link dev.triad.backend.cpu.gen.ChainEmitter} into the bytecode of one class, written with
 * the JDK's {@code java.lang.classfile} API and defined as a hidden class by
 * {@link dev.triad.backend.cpu.gen.ChainKernels}, which caches one instance per signature.
 *
 * <p>Why generate at all: a Vector API loop is fast only when every vector operation sits in
 * the loop body where the JIT can see it; a loop that takes its op as a lambda or switches on
 * it gets its vectors boxed (measured 3 to 30 times slower, see {@code kernels.VecLoops}).
 * A class per chain puts the whole chain in one loop body, so intermediates stay in
 * registers and memory is read and written once.
 *
 * <p>A signature may also end in a reduction (sum, max, min): the class then folds the
 * chain's values into vector accumulators block by block ({@link dev.triad.backend.cpu.gen.ChainReducer})
 * instead of storing them.
 *
 * <p>This package knows nothing about graphs or buffers; {@code kernels.GeneratedElementwise}
 * and {@code kernels.GeneratedReduction} map a graph's fusion group (and the reduction that
 * reads it) to a signature and run the kernel over the backend's threads.
 */
package dev.triad.backend.cpu.gen;
