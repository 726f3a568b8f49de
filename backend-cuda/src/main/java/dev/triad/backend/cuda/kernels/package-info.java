/**
 * The CUDA side of the shared C-family runtime ({@link dev.triad.codegen.c.runtime}):
 * {@link dev.triad.backend.cuda.kernels.Exec} supplies device pointers and CUDA grid sizes to the
 * shared kernel table, and {@link dev.triad.backend.cuda.kernels.LibraryOps} puts cuBLAS (matmul)
 * and cuDNN (convolution, max pooling) in front of the generated kernels where they cover the case.
 */
package dev.triad.backend.cuda.kernels;
