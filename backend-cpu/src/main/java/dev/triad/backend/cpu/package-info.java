/**
 * The CPU backend: pure Java, off-heap buffers, kernels on the Java Vector API.
 *
 * <p>{@link dev.triad.backend.cpu.CpuBackendProvider} is found by ServiceLoader and opens a
 * {@link dev.triad.backend.cpu.CpuBackend}, which runs each primitive through the kernel
 * registered for it in a {@link dev.triad.backend.cpu.KernelTable}. Buffers are 64-byte
 * aligned {@code MemorySegment}s from a {@link dev.triad.backend.cpu.CpuAllocator}; every
 * kernel reads strided views ({@link dev.triad.backend.cpu.StridedView}) and writes a
 * contiguous result; {@link dev.triad.backend.cpu.CpuThreads} is the one owner of worker
 * threads. The kernels themselves live in {@code dev.triad.backend.cpu.kernels}.
 */
package dev.triad.backend.cpu;
