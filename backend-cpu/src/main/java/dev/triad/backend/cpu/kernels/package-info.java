/**
 * The CPU kernels, one family per file: elementwise unary ({@code UnaryKernel} over
 * {@code UnaryFn}), binary ({@code BinaryKernel} over {@code BinaryFn}), select and cast,
 * reductions ({@code ReduceKernel}, {@code ArgKernel}), data movement, indexing, matmul
 * ({@code MatmulKernel} over {@code Gemm}), convolution, windows, and creation/random.
 *
 * <p>The shared machinery: {@code Dims} (broadcast strides, merging dimensions that walk as
 * one), {@code ElementwiseLoop} (walks any number of strided operands in runs, split over
 * threads, tile by tile when an operand is transposed), {@code Lane} and {@code Convert}
 * (the three arithmetic lanes and the conversions of {@link dev.triad.spi.types.Elements}),
 * {@code Operand} and {@code Scratch} (a run in place, or loaded into native per-thread
 * scratch), {@code StridedCopy} (dtype-agnostic copies by element size), and
 * {@link dev.triad.backend.cpu.kernels.GeneratedElementwise} and
 * {@link dev.triad.backend.cpu.kernels.GeneratedReduction} (a fused group of elementwise ops,
 * alone or as the prologue of a reduction, run by a class generated for it in
 * {@code dev.triad.backend.cpu.gen}), and {@link dev.triad.backend.cpu.kernels.FusedElementwise}
 * (the same group run by run over L1 scratch: the fallback for what the generator does not
 * cover).
 *
 * <p>Arithmetic runs in one of three lanes: F32 (for F32, BF16 and F16, rounded on store),
 * F64, or I64 (for I32, I64, U8 and BOOL, wrapped on store). Contiguous F32/F64 runs are
 * processed in place with the Vector API; strided, broadcast or converted runs are first
 * loaded into a scratch run in their lane. Every vector loop has its op written inside the
 * loop body ({@code VecLoops} says why).
 */
package dev.triad.backend.cpu.kernels;
