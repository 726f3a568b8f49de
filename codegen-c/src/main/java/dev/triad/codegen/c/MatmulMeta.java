package dev.triad.codegen.c;

/**
 * Index metadata of batched matmul, the C struct {@code tri_mm}:
 * <pre>{ m, n, k, brank, nbatch, a_off, b_off, a_sm, a_sk, b_sk, b_sn, bdims[R], a_bst[R], b_bst[R] }</pre>
 * The result is contiguous {@code [batch..., m, n]}; each operand has its own strides for rows,
 * columns and the (broadcast) batch dimensions, so transposed and broadcast operands need no copy.
 */
public final class MatmulMeta {
    private MatmulMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 m, n, k, brank, nbatch, a_off, b_off, a_sm, a_sk, b_sk, b_sn; tri_i64 bdims[" + r
                + "], a_bst[" + r + "], b_bst[" + r + "]; } tri_mm;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 11 + 3 * Limits.MAX_RANK; }

    /**
     * Packs the metadata.
     *
     * @param batchDims the result's batch dimensions
     * @param a operand a, with strides over {@code [batch..., m, k]} (batch strides 0 where broadcast)
     * @param b operand b, with strides over {@code [batch..., k, n]}
     */
    public static long[] pack(long[] batchDims, long m, long n, long k, Strided a, Strided b) {
        Limits.checkRank("matmul", batchDims.length);
        int R = Limits.MAX_RANK, br = batchDims.length;
        long[] as = a.strides(), bs = b.strides();
        long nb = 1;
        for (long d : batchDims) nb = Math.multiplyExact(nb, d);
        long[] meta = new long[length()];
        meta[0] = m;
        meta[1] = n;
        meta[2] = k;
        meta[3] = br;
        meta[4] = nb;
        meta[5] = a.offset();
        meta[6] = b.offset();
        meta[7] = as[br];
        meta[8] = as[br + 1];
        meta[9] = bs[br];
        meta[10] = bs[br + 1];
        for (int i = 0; i < br; i++) {
            meta[11 + i] = Math.max(batchDims[i], 1);
            meta[11 + R + i] = as[i];
            meta[11 + 2 * R + i] = bs[i];
        }
        return meta;
    }
}
