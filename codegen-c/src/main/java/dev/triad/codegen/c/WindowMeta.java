package dev.triad.codegen.c;

/**
 * Index metadata of the window ops, the C struct {@code tri_win}:
 * <pre>{ rank, nout, nin, wvol, off, off2, odims[R], idims[R], ist[R], st2[R], win[R], stride[R], lo[R] }</pre>
 * {@code odims} is the windowed shape, {@code idims}/{@code ist}/{@code off} describe the
 * operand, and {@code st2}/{@code off2} the second input (source or tangent) when the op has one.
 * Window ops run over the operand's own dimensions, which are never merged.
 */
public final class WindowMeta {
    private WindowMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 rank, nout, nin, wvol, off, off2; tri_i64 odims[" + r + "], idims[" + r + "], ist[" + r
                + "], st2[" + r + "], win[" + r + "], stride[" + r + "], lo[" + r + "]; } tri_win;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 6 + 7 * Limits.MAX_RANK; }

    /**
     * Packs the metadata.
     *
     * @param outDims the windowed shape
     * @param inDims the operand's shape
     * @param operand the operand's layout
     * @param second the second input's layout (over its own shape: windowed for a source, the
     *               operand's for a tangent), or null
     */
    public static long[] pack(String op, long[] outDims, long[] inDims, Strided operand, Strided second, int[] window, int[] strides, int[] padLow) {
        int rank = inDims.length;
        Limits.checkRank(op, rank);
        int R = Limits.MAX_RANK;
        long nout = 1, nin = 1, wvol = 1;
        for (int i = 0; i < rank; i++) {
            nout = Math.multiplyExact(nout, outDims[i]);
            nin = Math.multiplyExact(nin, inDims[i]);
            wvol = Math.multiplyExact(wvol, window[i]);
        }
        long[] m = new long[length()];
        m[0] = rank;
        m[1] = nout;
        m[2] = nin;
        m[3] = wvol;
        m[4] = operand.offset();
        m[5] = second == null ? 0 : second.offset();
        long[] os = operand.strides(), ss = second == null ? new long[rank] : second.strides();
        for (int i = 0; i < rank; i++) {
            m[6 + i] = Math.max(outDims[i], 1);
            m[6 + R + i] = Math.max(inDims[i], 1);
            m[6 + 2 * R + i] = os[i];
            m[6 + 3 * R + i] = ss[i];
            m[6 + 4 * R + i] = window[i];
            m[6 + 5 * R + i] = strides[i];
            m[6 + 6 * R + i] = padLow[i];
        }
        return m;
    }
}
