/**
 * Custom ops written as Aparapi kernels in Java. The user subclasses {@code com.aparapi.Kernel}
 * (array fields for the inputs and the output, scalar fields for sizes), declares the op with
 * {@link dev.triad.backend.opencl.aparapi.AparapiOps}, and gets a Triad
 * {@link dev.triad.spi.custom.CustomOp} usable from every front-end: Aparapi translates the
 * kernel's bytecode to OpenCL C and runs it on the OpenCL device.
 *
 * <p>Aparapi falls back to a Java thread pool when a kernel cannot run on OpenCL, with only a
 * log line, and its {@code isRunningCL()} keeps saying true. Here the fallback is a declared
 * {@link dev.triad.backend.opencl.aparapi.FallbackPolicy}, and the mode a run really used is read
 * from Aparapi's per-device profile reports and exposed as an
 * {@link dev.triad.backend.opencl.aparapi.AparapiRun} on the op.
 */
package dev.triad.backend.opencl.aparapi;
