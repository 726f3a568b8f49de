/**
 * The OpenCL backend's kernel table: for each primitive a {@link dev.triad.backend.opencl.kernels.ClOp}
 * that packs the index metadata, picks the generated kernel and launch size, and enqueues it.
 * One family class per kind of op, as in the CPU backend; the kernels themselves are generated
 * by {@link dev.triad.codegen.c}.
 */
package dev.triad.backend.opencl.kernels;
