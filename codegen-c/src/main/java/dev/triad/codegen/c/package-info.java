/**
 * The C-family kernel emitter shared by the GPU backends. It turns primitives (and chains of
 * elementwise primitives) into kernel source text plus the host-side packing of the index
 * metadata those kernels take; a backend compiles the text with its vendor compiler and
 * launches the kernels.
 *
 * <p>Generated code never names a vendor keyword directly: it uses a handful of macros
 * ({@code TRI_KERNEL}, {@code TRI_GLOBAL}, {@code TRI_LOCAL}, {@code TRI_BARRIER()},
 * {@code TRI_GID0}, ...) and type names ({@code tri_i64}, {@code tri_u8}, ...) that a
 * {@link dev.triad.codegen.c.Dialect} defines in its prelude. Everything else, including the
 * exact scalar semantics of every op ({@link dev.triad.codegen.c.Scalars}) and the type
 * conversions ({@link dev.triad.codegen.c.CTypes}), is plain C99 that OpenCL C 1.2 and CUDA
 * C++ both accept.
 *
 * <p>The host side that launches these kernels is shared too: {@link dev.triad.codegen.c.runtime}
 * holds the kernel table and compiled graphs, and a backend supplies only its vendor calls.
 */
package dev.triad.codegen.c;
