package dev.triad.codegen.c;

import java.util.ArrayList;
import java.util.List;

/**
 * Index metadata of reductions, the C struct {@code tri_red}:
 * <pre>{ krank, rrank, nout, nred, off, kdims[R], kst[R], rdims[R], rst[R] }</pre>
 * The kept dimensions enumerate the (contiguous) outputs, the reduced ones the elements each
 * output combines; both lists are merged where the input lays them out back to back. For
 * argmax/argmin the one reduced axis is never merged, so the reduced index is the position
 * along it.
 */
public final class ReductionMeta {
    private ReductionMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 krank, rrank, nout, nred, off; tri_i64 kdims[" + r + "], kst[" + r + "], rdims[" + r
                + "], rst[" + r + "]; } tri_red;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 5 + 4 * Limits.MAX_RANK; }

    /**
     * Packs the metadata for reducing {@code reduced} axes of an input of {@code dims} laid out
     * as {@code in}.
     */
    public static long[] pack(String op, long[] dims, Strided in, boolean[] reduced) {
        long[] st = in.strides();
        List<long[]> kept = new ArrayList<>(), red = new ArrayList<>();
        long nout = 1, nred = 1;
        for (int i = 0; i < dims.length; i++) {
            if (reduced[i]) nred = Math.multiplyExact(nred, dims[i]);
            else nout = Math.multiplyExact(nout, dims[i]);
            if (dims[i] == 1) continue;
            (reduced[i] ? red : kept).add(new long[] {dims[i], st[i]});
        }
        List<long[]> k = merge(kept), r = merge(red);
        Limits.checkRank(op, Math.max(k.size(), r.size()));
        return pack(nout, nred, in.offset(), k, r);
    }

    /** Packs the metadata of argmax/argmin over {@code axis}: the axis stays one reduced dimension. */
    public static long[] packAxis(String op, long[] dims, Strided in, int axis) {
        long[] st = in.strides();
        List<long[]> kept = new ArrayList<>();
        long nout = 1;
        for (int i = 0; i < dims.length; i++) {
            if (i == axis) continue;
            nout = Math.multiplyExact(nout, dims[i]);
            if (dims[i] != 1) kept.add(new long[] {dims[i], st[i]});
        }
        List<long[]> k = merge(kept);
        Limits.checkRank(op, k.size());
        List<long[]> r = new ArrayList<>();
        r.add(new long[] {dims[axis], st[axis]});
        return pack(nout, dims[axis], in.offset(), k, r);
    }

    private static long[] pack(long nout, long nred, long off, List<long[]> k, List<long[]> r) {
        int R = Limits.MAX_RANK;
        long[] m = new long[length()];
        m[0] = k.size();
        m[1] = r.size();
        m[2] = nout;
        m[3] = nred;
        m[4] = off;
        for (int i = 0; i < k.size(); i++) {
            m[5 + i] = k.get(i)[0];
            m[5 + R + i] = k.get(i)[1];
        }
        for (int i = 0; i < r.size(); i++) {
            m[5 + 2 * R + i] = Math.max(r.get(i)[0], 1);
            m[5 + 3 * R + i] = r.get(i)[1];
        }
        return m;
    }

    private static List<long[]> merge(List<long[]> dims) {
        List<long[]> out = new ArrayList<>();
        for (long[] e : dims) {
            if (!out.isEmpty()) {
                long[] last = out.get(out.size() - 1);
                if (last[1] == e[1] * e[0]) {
                    last[0] *= e[0];
                    last[1] = e[1];
                    continue;
                }
            }
            out.add(e.clone());
        }
        return out;
    }

    /** C statements declaring {@code base}, the input offset of output {@code o}. */
    public static String keptOffset(String meta, String o) {
        return "tri_i64 base = " + meta + ".off;\n"
                + "{ tri_i64 r_ = " + o + ";\n"
                + "  for (int d = (int)" + meta + ".krank - 1; d >= 0; d--) { base += (r_ % " + meta + ".kdims[d]) * " + meta + ".kst[d]; r_ /= " + meta + ".kdims[d]; } }\n";
    }

    /** A C expression for the offset, relative to {@code base}, of reduced element {@code j} (declares nothing). */
    public static String reducedOffsetFn() {
        return """
                TRI_FN tri_i64 tri_red_offset(tri_red m, tri_i64 j) {
                    tri_i64 off = 0;
                    for (int d = (int)m.rrank - 1; d >= 0; d--) { off += (j % m.rdims[d]) * m.rst[d]; j /= m.rdims[d]; }
                    return off;
                }
                """;
    }
}
