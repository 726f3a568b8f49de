/**
 * oneDNN in the CPU backend: matmul and convolution (forward and both gradients) on Intel's
 * primitives, loaded from the Bytedeco {@code dnnl} preset when the backend opens and called
 * through the JDK's foreign function interface.
 *
 * <p>{@link dev.triad.backend.cpu.onednn.OneDnn} loads the library (or says why it cannot),
 * owns the engine, the stream, the primitive cache and the one lock every call runs under;
 * {@code OpenMp} keeps oneDNN's OpenMP team sized like the Java pool and asleep when idle.
 * The kernels ({@code DnnlMatmul}, {@code DnnlConv}) each replace one entry of the
 * {@link dev.triad.backend.cpu.KernelTable} ({@link dev.triad.backend.cpu.onednn.OneDnnKernels})
 * and fall back to the entry they replaced for anything oneDNN does not take. {@code Layouts}
 * decides which strided views oneDNN reads in place and packs the rest into {@code Staging};
 * {@code ConvMapping} recognises which convolution primitive computes a given spi conv.
 */
package dev.triad.backend.cpu.onednn;
