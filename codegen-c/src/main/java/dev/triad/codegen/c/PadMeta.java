package dev.triad.codegen.c;

/**
 * Index metadata of pad, the C struct {@code tri_pad}:
 * <pre>{ rank, n, off, odims[R], idims[R], ist[R], lo[R], step[R] }</pre>
 * Result position {@code o} reads input position {@code (o - lo) / step} when that divides
 * exactly and lies inside the input ({@code step = interior + 1}; a negative {@code lo} crops).
 */
public final class PadMeta {
    private PadMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 rank, n, off; tri_i64 odims[" + r + "], idims[" + r + "], ist[" + r + "], lo[" + r
                + "], step[" + r + "]; } tri_pad;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 3 + 5 * Limits.MAX_RANK; }

    /** Packs the metadata. */
    public static long[] pack(long[] outDims, long[] inDims, Strided in, long[] low, long[] interior) {
        int rank = inDims.length;
        Limits.checkRank("pad", rank);
        int R = Limits.MAX_RANK;
        long n = 1;
        for (long d : outDims) n = Math.multiplyExact(n, d);
        long[] m = new long[length()];
        m[0] = rank;
        m[1] = n;
        m[2] = in.offset();
        long[] st = in.strides();
        for (int i = 0; i < rank; i++) {
            m[3 + i] = Math.max(outDims[i], 1);
            m[3 + R + i] = inDims[i];
            m[3 + 2 * R + i] = st[i];
            m[3 + 3 * R + i] = low[i];
            m[3 + 4 * R + i] = interior[i] + 1;
        }
        return m;
    }
}
