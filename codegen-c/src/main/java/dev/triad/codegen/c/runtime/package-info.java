/**
 * The vendor-neutral runtime skeleton of the C-family GPU backends (OpenCL and CUDA): for each
 * primitive the host-side code that packs the generated kernel's metadata and launches it
 * ({@link dev.triad.codegen.c.runtime.KernelTable} and its families), and compiled graphs with
 * fused elementwise chains ({@link dev.triad.codegen.c.runtime.FusedPlan},
 * {@link dev.triad.codegen.c.runtime.FusedExecutable}). A backend supplies only the vendor
 * calls, through {@link dev.triad.codegen.c.runtime.Launcher} (buffer arguments, launch
 * geometry, the index-check flag), and replaces single table entries where a vendor library
 * does better (cuBLAS, cuDNN, a CPU-device matmul).
 */
package dev.triad.codegen.c.runtime;
