package dev.triad.codegen.c;

/** OpenCL C 1.2, the language every OpenCL 1.2+ device compiles (PoCL, GPU drivers). */
public final class OpenClDialect implements Dialect {
    /** The shared instance (stateless). */
    public static final OpenClDialect INSTANCE = new OpenClDialect();

    private OpenClDialect() {}

    @Override
    public String name() { return "opencl-c-1.2"; }

    @Override
    public String prelude(boolean fp64) {
        StringBuilder b = new StringBuilder();
        b.append("/* Triad generated kernels, dialect ").append(name()).append(" */\n");
        if (fp64) b.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        // OpenCL C contracts a * b + c into fma by default; Triad keeps every op separately
        // rounded, so a fused chain gives the same bits as its ops one by one (CUDA: --fmad=false).
        // Kernels that want fma (matmul, convolution) call fma() explicitly.
        b.append("#pragma OPENCL FP_CONTRACT OFF\n");
        // TRI_FN stays empty: plain definitions in one translation unit need no qualifier, and
        // C99 'inline' without 'static' can leave undefined symbols when a compiler declines to
        // inline (static functions need OpenCL C 1.2, which some 1.1 compilers reject).
        b.append("""
                #define TRI_KERNEL __kernel
                #define TRI_FN
                #define TRI_GLOBAL __global
                #define TRI_LOCAL __local
                #define TRI_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
                #define TRI_GID0 ((tri_i64)get_global_id(0))
                #define TRI_GSIZE0 ((tri_i64)get_global_size(0))
                #define TRI_GID(d) ((tri_i64)get_global_id(d))
                #define TRI_GSIZE(d) ((tri_i64)get_global_size(d))
                #define TRI_LID(d) ((int)get_local_id(d))
                #define TRI_GROUP(d) ((tri_i64)get_group_id(d))
                #define TRI_NGROUPS(d) ((tri_i64)get_num_groups(d))
                #define TRI_AS_U32(x) as_uint(x)
                #define TRI_AS_F32(x) as_float(x)
                typedef long tri_i64;
                typedef ulong tri_u64;
                typedef uint tri_u32;
                typedef ushort tri_u16;
                typedef uchar tri_u8;
                """);
        return b.toString();
    }

    private static final VectorSyntax VECTORS = new VectorSyntax() {
        @Override public String type(String scalar, int width) { return scalar + width; }
        @Override public String load(int width, String ptr) { return "vload" + width + "(0, " + ptr + ")"; }
        @Override public String store(int width, String v, String ptr) { return "vstore" + width + "(" + v + ", 0, " + ptr + ");"; }
        @Override public String splat(String scalar, int width, String x) { return "((" + scalar + width + ")(" + x + "))"; }
    };

    @Override
    public VectorSyntax vectors() { return VECTORS; }
}
