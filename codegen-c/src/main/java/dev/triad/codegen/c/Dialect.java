package dev.triad.codegen.c;

/**
 * What differs between the C-family kernel languages the emitter targets. The emitter writes
 * kernels against fixed macro and type names; a dialect defines them in {@link #prelude}.
 *
 * <p>Where OpenCL C and CUDA C++ differ, and how each difference is absorbed:
 * <ul>
 *   <li>kernel and helper qualifiers: {@code __kernel} / {@code extern "C" __global__};
 *       {@code inline} / {@code __device__ __forceinline__} ({@code TRI_KERNEL}, {@code TRI_FN});</li>
 *   <li>address spaces: OpenCL needs {@code __global} on pointers and {@code __local} on
 *       work-group arrays; CUDA has no pointer qualifier and uses {@code __shared__}
 *       ({@code TRI_GLOBAL}, {@code TRI_LOCAL});</li>
 *   <li>barrier and thread indices: {@code barrier(CLK_LOCAL_MEM_FENCE)} and
 *       {@code get_global_id(d)} versus {@code __syncthreads()} and
 *       {@code blockIdx/blockDim/threadIdx} arithmetic ({@code TRI_BARRIER()}, {@code TRI_GID0}, ...);</li>
 *   <li>integer widths: OpenCL's {@code long} is always 64 bits, CUDA needs {@code long long}
 *       ({@code tri_i64}, {@code tri_u64}, ...);</li>
 *   <li>bit casts: {@code as_uint}/{@code as_float} versus {@code __float_as_uint}/{@code __uint_as_float}
 *       ({@code TRI_AS_U32}, {@code TRI_AS_F32});</li>
 *   <li>fp64: OpenCL 1.2 must enable {@code cl_khr_fp64} with a pragma; CUDA always has it;</li>
 *   <li>half and bfloat16: neither is used as an arithmetic type — both are stored as
 *       16-bit integers and converted in software ({@link Prelude}), so no {@code cl_khr_fp16}
 *       or {@code cuda_fp16.h} is needed;</li>
 *   <li>floating-point contraction: OpenCL C fuses {@code a * b + c} into an fma unless
 *       {@code FP_CONTRACT} is off, nvcc unless {@code --fmad=false}; Triad turns it off so that
 *       every op rounds on its own, and calls {@code fma()} where it wants one;</li>
 *   <li>short vectors: OpenCL C has {@code floatN} arithmetic and {@code vloadN}; CUDA has
 *       none, so kernels written with them ({@link VectorSyntax}) are optional variants;</li>
 *   <li>math functions: the emitter calls the C99 names ({@code exp}, {@code rint}, {@code fmod},
 *       ...), which OpenCL overloads for float and double and CUDA C++ overloads through its
 *       math headers.</li>
 * </ul>
 */
public interface Dialect {
    /** A short name for messages and cache keys, e.g. {@code opencl-c-1.2}. */
    String name();

    /**
     * Source that every program starts with: extension pragmas and the definitions of the
     * {@code TRI_*} macros and {@code tri_*} types listed in the class comment.
     *
     * @param fp64 whether the program uses {@code double}
     */
    String prelude(boolean fp64);

    /** Short-vector syntax, or null when the language has no vector arithmetic (CUDA). */
    default VectorSyntax vectors() { return null; }
}
