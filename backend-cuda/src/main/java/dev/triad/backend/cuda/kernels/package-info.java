/**
 * The CUDA implementation of every primitive, keyed by op ({@link dev.triad.backend.cuda.kernels.KernelTable}):
 * generated kernels from {@link dev.triad.codegen.c}, launched with CUDA grid sizes, plus the
 * vendor-library paths (cuBLAS matmul, cuDNN convolution and max pooling) where they cover the
 * case. Mirrors the OpenCL backend's table; only the launches differ.
 */
package dev.triad.backend.cuda.kernels;
