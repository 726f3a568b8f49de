package dev.triad.codegen.c;

import dev.triad.spi.types.DType;

/**
 * Matmul and convolution as one tiled GEMM template. A work-group of {@code B x B} threads
 * computes a {@code T x T} tile of the result ({@code T = B * R}; each thread an {@code R x R}
 * block, strided by {@code B} so neighbouring threads touch neighbouring memory). Depth
 * {@code TK} slices of both operands are staged in local memory, zero-filled past the edges,
 * so the inner loop has no bounds checks. The third grid dimension walks batch elements
 * (matmul) or batch-and-group pairs (convolution).
 *
 * <p>Only the operand loaders differ: matmul reads strided, broadcast-batched operands;
 * convolution reads the kernel as an {@code [O/g, C/g * kvol]} matrix and the input as its
 * implicit im2col matrix {@code [C/g * kvol, positions]}, computing each entry's input
 * coordinate (or a zero for padding and dilation holes) while loading the tile.
 *
 * <p>Launch with local size {@code (B, B, 1)} and global size
 * {@code (ceil(N / T) * B, ceil(M / T) * B, batches)}.
 */
public final class GemmEmitter {
    private GemmEmitter() {}

    /** The pieces that make one GEMM kernel. */
    private record Parts(String name, String params, String setup, String m, String n, String k, String batches,
                         String loadA, String loadB, String store) {}

    /** Batched matmul of {@code t} ({@link MatmulMeta}). */
    public static String matmul(DType t, EmitOptions opt) {
        String st = CTypes.storage(t);
        String setup = """
                tri_i64 abase = m.a_off, bbase = m.b_off;
                { tri_i64 r_ = z;
                  for (int d = (int)m.brank - 1; d >= 0; d--) { tri_i64 c_ = r_ % m.bdims[d]; r_ /= m.bdims[d]; abase += c_ * m.a_bst[d]; bbase += c_ * m.b_bst[d]; } }
                """;
        return emit(t, opt, new Parts(KernelNames.matmul(t),
                "TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st + "* a, TRI_GLOBAL const " + st + "* b, tri_mm m",
                setup, "m.m", "m.n", "m.k", "m.nbatch",
                "v = " + CTypes.load(t, "a[abase + gi * m.a_sm + gk * m.a_sk]") + ";",
                "v = " + CTypes.load(t, "b[bbase + gk * m.b_sk + gj * m.b_sn]") + ";",
                "y[(z * m.m + gi) * m.n + gj] = " + CTypes.store(t, t, "acc[i][j]") + ";"));
    }

    /** N-d grouped convolution of {@code t} ({@link ConvMeta}). */
    public static String conv(DType t, EmitOptions opt) {
        String st = CTypes.storage(t);
        String setup = "const tri_i64 bn = z / m.groups, g = z % m.groups;\n";
        String loadA = """
                tri_i64 ch = gk / m.kvol, kv = gk % m.kvol;
                tri_i64 addr = m.w_off + (g * m.og + gi) * m.wst[0] + ch * m.wst[1];
                for (int d = (int)m.d - 1; d >= 0; d--) { addr += (kv % m.k_sp[d]) * m.wst[2 + d]; kv /= m.k_sp[d]; }
                v = LOAD_W;
                """.replace("LOAD_W", CTypes.load(t, "w[addr]"));
        String loadB = """
                tri_i64 ch = gk / m.kvol, kv = gk % m.kvol, pos = gj;
                tri_i64 addr = m.x_off + bn * m.xst[0] + (g * m.cg + ch) * m.xst[1];
                int inside = 1;
                for (int d = (int)m.d - 1; d >= 0 && inside; d--) {
                    tri_i64 kd = kv % m.k_sp[d], od = pos % m.out_sp[d];
                    kv /= m.k_sp[d];
                    pos /= m.out_sp[d];
                    tri_i64 q = od * m.stride[d] + kd * m.rdil[d] - m.lo[d];
                    if (q < 0 || q % m.ldil[d] != 0) { inside = 0; } else {
                        q /= m.ldil[d];
                        if (q >= m.in_sp[d]) inside = 0; else addr += q * m.xst[2 + d];
                    }
                }
                if (inside) v = LOAD_X;
                """.replace("LOAD_X", CTypes.load(t, "x[addr]"));
        return emit(t, opt, new Parts(KernelNames.conv(t),
                "TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st + "* x, TRI_GLOBAL const " + st + "* w, tri_conv m",
                setup, "m.og", "m.npos", "(m.cg * m.kvol)", "(m.nbatch * m.groups)", loadA, loadB,
                "y[(bn * m.ochan + g * m.og + gi) * m.npos + gj] = " + CTypes.store(t, t, "acc[i][j]") + ";"));
    }

    /** Rows of the result one work-item of {@link #matmulVector} computes. */
    public static final int VEC_ROWS = 8;
    /** Columns (one vector) of the result one work-item of {@link #matmulVector} computes. */
    public static final int VEC_WIDTH = 8;

    /** True when {@link #matmulVector} exists for {@code t} in a dialect with vectors. */
    public static boolean hasVectorMatmul(DType t, Dialect dialect) {
        return dialect.vectors() != null && (t == DType.F32 || t == DType.F64);
    }

    /**
     * Matmul for CPU-class devices, where local memory is ordinary cache and a barrier costs a
     * pass over every work-item: no local memory and no barrier; each work-item keeps a
     * {@link #VEC_ROWS} x {@link #VEC_WIDTH} block of the result in vector registers and walks
     * k, broadcasting one element of a per row and loading one row-vector of b (which must have
     * unit column stride). Columns past the last full vector take a scalar path. Accumulation
     * is the same sequence of fma as the tiled kernel, so both give the same bits.
     *
     * <p>Launch with global size {@code (ceil(N / W), ceil(M / R), batches)}, any local size.
     */
    public static String matmulVector(DType t, VectorSyntax v) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        int r = VEC_ROWS, w = VEC_WIDTH;
        String vt = v.type(ct, w);
        String zero = CTypes.literal(t, 0);
        StringBuilder b = new StringBuilder();
        b.append("TRI_KERNEL void ").append(KernelNames.matmulVector(t)).append("(TRI_GLOBAL ").append(st).append("* y, TRI_GLOBAL const ")
                .append(st).append("* a, TRI_GLOBAL const ").append(st).append("* b, tri_mm m) {\n");
        b.append("    const tri_i64 M = m.m, N = m.n, K = m.k, c0 = TRI_GID(0) * ").append(w).append(", r0 = TRI_GID(1) * ").append(r).append(";\n");
        b.append("    if (c0 >= N || r0 >= M) return;\n");
        b.append("    tri_i64 arow[").append(r).append("];\n");
        b.append("    for (int i = 0; i < ").append(r).append("; i++) arow[i] = (r0 + i < M ? r0 + i : M - 1) * m.a_sm;\n");
        b.append("    for (tri_i64 z = TRI_GID(2); z < m.nbatch; z += TRI_GSIZE(2)) {\n");
        b.append("        tri_i64 abase = m.a_off, bbase = m.b_off;\n");
        b.append("        { tri_i64 r_ = z;\n");
        b.append("          for (int d = (int)m.brank - 1; d >= 0; d--) { tri_i64 c_ = r_ % m.bdims[d]; r_ /= m.bdims[d]; abase += c_ * m.a_bst[d]; bbase += c_ * m.b_bst[d]; } }\n");
        b.append("        if (c0 + ").append(w).append(" <= N) {\n");
        b.append("            ").append(vt).append(" acc[").append(r).append("];\n");
        b.append("            for (int i = 0; i < ").append(r).append("; i++) acc[i] = ").append(v.splat(ct, w, zero)).append(";\n");
        b.append("            for (tri_i64 k = 0; k < K; k++) {\n");
        b.append("                const ").append(vt).append(" bv = ").append(v.load(w, "b + bbase + k * m.b_sk + c0")).append(";\n");
        b.append("                for (int i = 0; i < ").append(r).append("; i++) acc[i] = fma(").append(v.splat(ct, w, "a[abase + arow[i] + k * m.a_sk]")).append(", bv, acc[i]);\n");
        b.append("            }\n");
        b.append("            for (int i = 0; i < ").append(r).append("; i++) if (r0 + i < M) { ")
                .append(v.store(w, "acc[i]", "y + (z * M + r0 + i) * N + c0")).append(" }\n");
        b.append("        } else {\n");
        b.append("            for (tri_i64 c = c0; c < N; c++) for (int i = 0; i < ").append(r).append(" && r0 + i < M; i++) {\n");
        b.append("                ").append(ct).append(" s = ").append(zero).append(";\n");
        b.append("                for (tri_i64 k = 0; k < K; k++) s = fma(a[abase + arow[i] + k * m.a_sk], b[bbase + k * m.b_sk + c], s);\n");
        b.append("                y[(z * M + r0 + i) * N + c] = s;\n");
        b.append("            }\n");
        b.append("        }\n");
        b.append("    }\n}\n");
        return b.toString();
    }

    private static String emit(DType t, EmitOptions opt, Parts p) {
        int bs = opt.gemmBlock(), r = opt.gemmRegs(), tk = opt.gemmTileK(), tile = opt.gemmTile();
        String ct = CTypes.compute(t);
        String zero = CTypes.literal(t, 0);
        String fma = t.isFloating() ? "acc[i][j] = fma(av[i], bv[j], acc[i][j]);" : "acc[i][j] = tri_iadd(acc[i][j], tri_imul(av[i], bv[j]));";
        StringBuilder b = new StringBuilder();
        b.append("TRI_KERNEL void ").append(p.name()).append("(").append(p.params()).append(") {\n");
        b.append("    TRI_LOCAL ").append(ct).append(" As[").append(tk).append("][").append(tile).append("];\n");
        b.append("    TRI_LOCAL ").append(ct).append(" Bs[").append(tk).append("][").append(tile).append("];\n");
        b.append("    const int tx = TRI_LID(0), ty = TRI_LID(1), tid = ty * ").append(bs).append(" + tx;\n");
        b.append("    const tri_i64 M = ").append(p.m()).append(", N = ").append(p.n()).append(", K = ").append(p.k()).append(";\n");
        b.append("    const tri_i64 row0 = TRI_GROUP(1) * ").append(tile).append(", col0 = TRI_GROUP(0) * ").append(tile).append(";\n");
        b.append("    for (tri_i64 z = TRI_GROUP(2); z < ").append(p.batches()).append("; z += TRI_NGROUPS(2)) {\n");
        b.append(ElementwiseEmitter.indent(p.setup(), 8));
        b.append("        ").append(ct).append(" acc[").append(r).append("][").append(r).append("];\n");
        b.append("        for (int i = 0; i < ").append(r).append("; i++) for (int j = 0; j < ").append(r).append("; j++) acc[i][j] = ").append(zero).append(";\n");
        b.append("        for (tri_i64 k0 = 0; k0 < K; k0 += ").append(tk).append(") {\n");
        b.append("            for (int e = tid; e < ").append(tile * tk).append("; e += ").append(bs * bs).append(") {\n");
        b.append("                const int rr = e / ").append(tk).append(", q = e % ").append(tk).append(";\n");
        b.append("                const tri_i64 gi = row0 + rr, gk = k0 + q;\n");
        b.append("                ").append(ct).append(" v = ").append(zero).append(";\n");
        b.append("                if (gi < M && gk < K) {\n").append(ElementwiseEmitter.indent(p.loadA(), 20)).append("                }\n");
        b.append("                As[q][rr] = v;\n");
        b.append("            }\n");
        b.append("            for (int e = tid; e < ").append(tile * tk).append("; e += ").append(bs * bs).append(") {\n");
        b.append("                const int q = e / ").append(tile).append(", cc = e % ").append(tile).append(";\n");
        b.append("                const tri_i64 gk = k0 + q, gj = col0 + cc;\n");
        b.append("                ").append(ct).append(" v = ").append(zero).append(";\n");
        b.append("                if (gk < K && gj < N) {\n").append(ElementwiseEmitter.indent(p.loadB(), 20)).append("                }\n");
        b.append("                Bs[q][cc] = v;\n");
        b.append("            }\n");
        b.append("            TRI_BARRIER();\n");
        b.append("            for (int q = 0; q < ").append(tk).append("; q++) {\n");
        b.append("                ").append(ct).append(" av[").append(r).append("], bv[").append(r).append("];\n");
        b.append("                for (int i = 0; i < ").append(r).append("; i++) av[i] = As[q][ty + i * ").append(bs).append("];\n");
        b.append("                for (int j = 0; j < ").append(r).append("; j++) bv[j] = Bs[q][tx + j * ").append(bs).append("];\n");
        b.append("                for (int i = 0; i < ").append(r).append("; i++) for (int j = 0; j < ").append(r).append("; j++) ").append(fma).append("\n");
        b.append("            }\n");
        b.append("            TRI_BARRIER();\n");
        b.append("        }\n");
        b.append("        for (int i = 0; i < ").append(r).append("; i++) for (int j = 0; j < ").append(r).append("; j++) {\n");
        b.append("            const tri_i64 gi = row0 + ty + i * ").append(bs).append(", gj = col0 + tx + j * ").append(bs).append(";\n");
        b.append("            if (gi < M && gj < N) { ").append(p.store()).append(" }\n");
        b.append("        }\n");
        b.append("    }\n}\n");
        return b.toString();
    }
}
