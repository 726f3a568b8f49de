package dev.triad.codegen.c;

/**
 * Index metadata of gather and scatter_add, the C struct {@code tri_idx}:
 * <pre>{ rank, n, axis, asize, kdim, xoff, ioff, uoff, dims[R], xst[R], ist[R], ust[R] }</pre>
 * For gather {@code dims} is the indices' (and result's) shape; for scatter_add it is the
 * operand's (and result's) shape and {@code kdim} is the indices' size along the axis.
 * {@code asize} is the operand's size along the axis, which every index must lie below.
 */
public final class IndexMeta {
    private IndexMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 rank, n, axis, asize, kdim, xoff, ioff, uoff; tri_i64 dims[" + r + "], xst[" + r + "], ist[" + r
                + "], ust[" + r + "]; } tri_idx;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 8 + 4 * Limits.MAX_RANK; }

    /**
     * Packs the metadata.
     *
     * @param dims the iteration shape (indices' for gather, operand's for scatter_add)
     * @param updates the updates' layout for scatter_add (over the indices' shape), or null
     */
    public static long[] pack(String op, long[] dims, int axis, long axisSize, long kdim, Strided operand, Strided indices, Strided updates) {
        int rank = dims.length;
        Limits.checkRank(op, rank);
        int R = Limits.MAX_RANK;
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        long[] m = new long[length()];
        m[0] = rank;
        m[1] = n;
        m[2] = axis;
        m[3] = axisSize;
        m[4] = kdim;
        m[5] = operand.offset();
        m[6] = indices.offset();
        m[7] = updates == null ? 0 : updates.offset();
        long[] xs = operand.strides(), is = indices.strides(), us = updates == null ? new long[rank] : updates.strides();
        for (int i = 0; i < rank; i++) {
            m[8 + i] = Math.max(dims[i], 1);
            m[8 + R + i] = xs[i];
            m[8 + 2 * R + i] = is[i];
            m[8 + 3 * R + i] = us[i];
        }
        return m;
    }
}
