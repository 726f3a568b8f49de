/**
 * The CPU backend: off-heap buffers, kernels on the Java Vector API, and oneDNN (loaded when
 * the backend opens) for matmul, convolution, max pooling and large transposing copies.
 *
 * <p>{@link dev.triad.backend.cpu.CpuBackendProvider} is found by ServiceLoader and opens a
 * {@link dev.triad.backend.cpu.CpuBackend}, which runs each primitive through the kernel
 * registered for it in a {@link dev.triad.backend.cpu.KernelTable}. Buffers are 64-byte
 * aligned {@code MemorySegment}s from a {@link dev.triad.backend.cpu.CpuAllocator}; every
 * kernel reads strided views ({@link dev.triad.backend.cpu.StridedView}) and writes a
 * contiguous result; {@link dev.triad.backend.cpu.CpuThreads} is the one owner of worker
 * threads. The kernels themselves live in {@code dev.triad.backend.cpu.kernels}; the oneDNN
 * kernels, which replace table entries and fall back to them, in
 * {@code dev.triad.backend.cpu.onednn}. {@code CpuExecutable} compiles graphs with fused
 * elementwise chains (a class generated per chain, {@code dev.triad.backend.cpu.gen}), reductions
 * that take such a chain in as their prologue, and zero-copy movement ops.
 */
package dev.triad.backend.cpu;
