package dev.triad.codegen.c;

import java.util.ArrayList;
import java.util.List;

/**
 * Index metadata of elementwise kernels: {@code K} operands (operand 0 is the output) walked
 * over one iteration shape, each with its own offset and strides. Passed by value as the C
 * struct {@code tri_ewK}:
 * <pre>{ rank, n, flat, dims[MAX_RANK], off[K], st[K][MAX_RANK] }</pre>
 * Dimensions of size 1 are dropped and neighbours that every operand lays out back to back are
 * merged, so contiguous operands of any rank are walked as one flat dimension. {@code flat} is
 * 1 when, after merging, the output is contiguous and every input is contiguous or a single
 * broadcast element: kernels then take a path with plain {@code x[off + i]} indexing, which
 * compilers can prove consecutive and vectorise (PoCL runs such kernels ten times faster than
 * with computed strides); otherwise they compute each offset from the coordinates.
 */
public final class ElementwiseMeta {
    private ElementwiseMeta() {}

    /** Operand counts with a struct in every program: copies (2), where (4), fused kernels (up to 8). */
    public static final int[] ARITIES = {2, 3, 4, 8};

    /** The smallest struct arity holding {@code operands} operands. */
    public static int arityFor(int operands) {
        for (int k : ARITIES) if (k >= operands) return k;
        throw new IllegalArgumentException(operands + " operands exceed the largest elementwise struct (" + ARITIES[ARITIES.length - 1] + ")");
    }

    /** The C struct for {@code k} operands. */
    public static String struct(int k) {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 rank, n, flat; tri_i64 dims[" + r + "]; tri_i64 off[" + k + "]; tri_i64 st[" + k + "][" + r + "]; } tri_ew" + k + ";\n";
    }

    /** Size of the packed struct for {@code k} operands, in longs. */
    public static int length(int k) { return 3 + Limits.MAX_RANK + k + k * Limits.MAX_RANK; }

    /**
     * Packs the metadata for iterating {@code dims} over {@code operands} into a struct of arity
     * {@code k} (unused operand slots are zero).
     */
    public static long[] pack(String op, long[] dims, List<Strided> operands, int k) {
        if (operands.size() > k) throw new IllegalArgumentException(operands.size() + " operands for a struct of " + k);
        int nOps = operands.size();
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        // Keep the dimensions of size > 1, then merge neighbours that all operands lay out back to back.
        List<long[]> kept = new ArrayList<>(); // each entry: {size, stride of operand 0, 1, ...}
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) continue;
            long[] e = new long[1 + nOps];
            e[0] = dims[i];
            for (int o = 0; o < nOps; o++) e[1 + o] = operands.get(o).strides()[i];
            kept.add(e);
        }
        List<long[]> merged = new ArrayList<>();
        for (long[] e : kept) {
            if (!merged.isEmpty()) {
                long[] last = merged.get(merged.size() - 1);
                boolean joins = true;
                for (int o = 0; o < nOps && joins; o++) joins = last[1 + o] == e[1 + o] * e[0];
                if (joins) {
                    last[0] *= e[0];
                    for (int o = 0; o < nOps; o++) last[1 + o] = e[1 + o];
                    continue;
                }
            }
            merged.add(e.clone());
        }
        if (merged.isEmpty()) merged.add(new long[1 + nOps]); // a scalar: one dimension of size 1
        if (merged.size() == 1 && merged.get(0)[0] == 0) merged.get(0)[0] = 1;
        Limits.checkRank(op, merged.size());
        int r = Limits.MAX_RANK;
        long[] m = new long[length(k)];
        m[0] = merged.size();
        m[1] = n;
        boolean flat = merged.size() == 1 && merged.get(0)[1] == 1;
        for (int o = 1; o < nOps && flat; o++) flat = merged.get(0)[1 + o] == 1 || merged.get(0)[1 + o] == 0;
        m[2] = flat ? 1 : 0;
        for (int i = 0; i < merged.size(); i++) m[3 + i] = Math.max(merged.get(i)[0], 1);
        for (int o = 0; o < nOps; o++) {
            m[3 + r + o] = operands.get(o).offset();
            for (int i = 0; i < merged.size(); i++) m[3 + r + k + o * r + i] = merged.get(i)[1 + o];
        }
        return m;
    }

    /**
     * The body of an elementwise kernel over struct {@code m} with {@code count} operands.
     * Any launch size is correct: when the grid covers the {@code n} elements each work-item
     * computes one, else the work-items stride through them (grid-stride loop). The first case
     * has no loop and, for flat operands, plain {@code x[off + i]} indexing, which is what lets
     * CPU runtimes vectorise across work-items (PoCL: a loop around the body, or computed
     * strides, make the kernel up to ten times slower); GPUs are indifferent.
     * {@code body} receives, per operand, the C expression of its element (an lvalue for
     * operand 0, the output) and returns the statements computing one element; it is emitted
     * for the flat path and the strided path.
     *
     * @param pointers the pointer name of each operand ({@code y}, {@code x1}, ...)
     */
    public static String body(int count, List<String> pointers, java.util.function.Function<String[], String> body) {
        String[] flat = new String[count], strided = new String[count];
        for (int o = 0; o < count; o++) {
            String p = pointers.get(o);
            flat[o] = o == 0 ? p + "[m.off[0] + i]" : "(m.st[" + o + "][0] == 0 ? " + p + "[m.off[" + o + "]] : " + p + "[m.off[" + o + "] + i])";
            strided[o] = p + "[o" + o + "]";
        }
        StringBuilder offsets = new StringBuilder();
        offsets.append("tri_i64 r_ = i");
        for (int o = 0; o < count; o++) offsets.append(", o").append(o).append(" = m.off[").append(o).append("]");
        offsets.append(";\n");
        offsets.append("for (int d = (int)m.rank - 1; d > 0; d--) {\n");
        offsets.append("    const tri_i64 c_ = r_ % m.dims[d];\n");
        offsets.append("    r_ /= m.dims[d];\n");
        for (int o = 0; o < count; o++) offsets.append("    o").append(o).append(" += c_ * m.st[").append(o).append("][d];\n");
        offsets.append("}\n");
        for (int o = 0; o < count; o++) offsets.append("o").append(o).append(" += r_ * m.st[").append(o).append("][0];\n");
        String stridedBody = offsets + body.apply(strided);
        StringBuilder b = new StringBuilder();
        b.append("    if (TRI_GSIZE0 >= m.n) {\n");
        b.append("        const tri_i64 i = TRI_GID0;\n");
        b.append("        if (i < m.n) {\n");
        b.append("            if (m.flat) {\n").append(ElementwiseEmitter.indent(body.apply(flat), 16)).append("            } else {\n");
        b.append(ElementwiseEmitter.indent(stridedBody, 16)).append("            }\n");
        b.append("        }\n");
        b.append("    } else {\n");
        b.append("        for (tri_i64 i = TRI_GID0; i < m.n; i += TRI_GSIZE0) {\n");
        b.append(ElementwiseEmitter.indent(stridedBody, 12));
        b.append("        }\n");
        b.append("    }\n");
        return b.toString();
    }
}
