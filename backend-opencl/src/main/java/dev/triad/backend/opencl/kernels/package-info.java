/**
 * The OpenCL side of the shared C-family runtime ({@link dev.triad.codegen.c.runtime}):
 * {@link dev.triad.backend.opencl.kernels.Exec} supplies {@code cl_mem} arguments, NDRange sizes
 * and the fp64 rule to the shared kernel table, and {@link dev.triad.backend.opencl.kernels.DeviceOps}
 * holds the one OpenCL-specific entry (the vector-register matmul on CPU devices).
 */
package dev.triad.backend.opencl.kernels;
