package dev.triad.codegen.c;

/**
 * CUDA C++ as NVRTC and nvcc compile it (C++17, no host code, no headers). Kernels are
 * {@code extern "C"} so that their names in the module are the names the emitter chose, with no
 * C++ mangling; helpers are {@code __device__ inline} (not {@code static}, which makes the
 * compiler warn about every helper a program does not use). Each program is its own module,
 * so helpers of the same name in two programs never meet.
 *
 * <p>The thread-index macros take a dimension as a run-time value, as OpenCL's
 * {@code get_global_id(d)} does; CUDA's built-ins are per component, so {@code TRI_DIM}
 * selects one. Global sizes are computed in 64 bits: a grid of 2^31 blocks of 1024 threads
 * overflows 32-bit arithmetic.
 *
 * <p>No vector syntax: CUDA's {@code float4} has no arithmetic operators, so the optional
 * vector kernels are not emitted and every op uses its scalar kernel.
 */
public final class CudaDialect implements Dialect {
    /** The shared instance (stateless). */
    public static final CudaDialect INSTANCE = new CudaDialect();

    private CudaDialect() {}

    @Override
    public String name() { return "cuda-c++17"; }

    @Override
    public String prelude(boolean fp64) {
        // fp64 needs nothing in CUDA: every architecture NVRTC targets computes in double.
        // FP contraction is turned off by the compiler option --fmad=false (see the backend's
        // NVRTC options and the nvcc tests): CUDA has no pragma for it.
        return "/* Triad generated kernels, dialect " + name() + " */\n"
                + """
                #define TRI_KERNEL extern "C" __global__
                #define TRI_FN __device__ inline
                #define TRI_GLOBAL
                #define TRI_LOCAL __shared__
                #define TRI_BARRIER() __syncthreads()
                #define TRI_DIM(v, d) ((d) == 0 ? (v).x : (d) == 1 ? (v).y : (v).z)
                #define TRI_GID0 ((tri_i64)blockIdx.x * (tri_i64)blockDim.x + (tri_i64)threadIdx.x)
                #define TRI_GSIZE0 ((tri_i64)gridDim.x * (tri_i64)blockDim.x)
                #define TRI_GID(d) ((tri_i64)TRI_DIM(blockIdx, d) * (tri_i64)TRI_DIM(blockDim, d) + (tri_i64)TRI_DIM(threadIdx, d))
                #define TRI_GSIZE(d) ((tri_i64)TRI_DIM(gridDim, d) * (tri_i64)TRI_DIM(blockDim, d))
                #define TRI_LID(d) ((int)TRI_DIM(threadIdx, d))
                #define TRI_GROUP(d) ((tri_i64)TRI_DIM(blockIdx, d))
                #define TRI_NGROUPS(d) ((tri_i64)TRI_DIM(gridDim, d))
                #define TRI_AS_U32(x) __float_as_uint(x)
                #define TRI_AS_F32(x) __uint_as_float(x)
                typedef long long tri_i64;
                typedef unsigned long long tri_u64;
                typedef unsigned int tri_u32;
                typedef unsigned short tri_u16;
                typedef unsigned char tri_u8;
                """;
    }

    /**
     * The compiler options every CUDA program is built with, for NVRTC and nvcc alike: C++17,
     * IEEE division and square root, denormals kept, and no contraction of {@code a * b + c}
     * into an fma, so every op rounds on its own as on the other backends.
     */
    public static final java.util.List<String> COMPILE_OPTIONS = java.util.List.of(
            "--std=c++17", "--fmad=false", "--prec-div=true", "--prec-sqrt=true", "--ftz=false");
}
