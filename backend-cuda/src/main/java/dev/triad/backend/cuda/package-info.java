/**
 * The CUDA backend: NVIDIA GPUs through the Bytedeco CUDA presets (driver API, NVRTC, cuBLAS,
 * cuDNN). Kernels are the shared C-family emitter's ({@link dev.triad.codegen.c}) in the
 * {@link dev.triad.codegen.c.CudaDialect}, compiled at run time by NVRTC for the device's
 * architecture and cached in memory and on disk, launched by the shared runtime skeleton
 * ({@link dev.triad.codegen.c.runtime}); matmul runs on cuBLAS, convolution (forward and both
 * gradients) and max pooling on cuDNN where it covers the case (F32, F64, F16, BF16), with
 * descriptors and algorithms cached per shape; everything else, and every recorded fallback
 * ({@link dev.triad.backend.cuda.Fallbacks}), on generated kernels. Host transfers go through
 * double-buffered pinned staging ({@link dev.triad.backend.cuda.PinnedStaging}).
 *
 * <p>The presets' classes load {@code libcuda.so.1} when they are first touched, so only
 * {@link dev.triad.backend.cuda.Discovery} and the classes behind an opened backend touch
 * them; the provider and the pure host-side logic (launch sizes, argument packing, cache
 * keys, error names, cuBLAS/cuDNN planning) load nothing and are unit-tested without a GPU.
 */
package dev.triad.backend.cuda;
