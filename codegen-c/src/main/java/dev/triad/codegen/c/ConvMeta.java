package dev.triad.codegen.c;

/**
 * Index metadata of the implicit-GEMM convolution, the C struct {@code tri_conv}:
 * <pre>{ d, groups, cg, og, kvol, npos, nbatch, ochan, x_off, w_off,
 *   xst[R+2], wst[R+2], in_sp[R], out_sp[R], k_sp[R], stride[R], lo[R], ldil[R], rdil[R] }</pre>
 * For batch element {@code n} and group {@code g} the convolution is the product of the
 * kernel matrix {@code [og, cg * kvol]} and the implicit im2col matrix {@code [cg * kvol, npos]}
 * of the input, whose entries the kernel computes on the fly (0 in padding and dilation holes).
 */
public final class ConvMeta {
    private ConvMeta() {}

    /** The C struct. */
    public static String struct() {
        int r = Limits.MAX_RANK;
        return "typedef struct { tri_i64 d, groups, cg, og, kvol, npos, nbatch, ochan, x_off, w_off; tri_i64 xst[" + (r + 2)
                + "], wst[" + (r + 2) + "], in_sp[" + r + "], out_sp[" + r + "], k_sp[" + r + "], stride[" + r + "], lo[" + r
                + "], ldil[" + r + "], rdil[" + r + "]; } tri_conv;\n";
    }

    /** Length of the packed struct in longs. */
    public static int length() { return 10 + 2 * (Limits.MAX_RANK + 2) + 7 * Limits.MAX_RANK; }

    /**
     * Packs the metadata.
     *
     * @param xDims input {@code [N, C, s...]}
     * @param x the input's layout
     * @param wDims kernel {@code [O, C/groups, k...]}
     * @param w the kernel's layout
     * @param outSpatial the result's spatial sizes
     */
    public static long[] pack(long[] xDims, Strided x, long[] wDims, Strided w, long[] outSpatial, int[] strides,
                              int[] padLow, int[] lhsDilation, int[] rhsDilation, int groups) {
        int d = xDims.length - 2;
        Limits.checkRank("conv", d);
        int R = Limits.MAX_RANK;
        long kvol = 1, npos = 1;
        for (int i = 0; i < d; i++) {
            kvol = Math.multiplyExact(kvol, wDims[2 + i]);
            npos = Math.multiplyExact(npos, outSpatial[i]);
        }
        long[] m = new long[length()];
        m[0] = d;
        m[1] = groups;
        m[2] = xDims[1] / groups;
        m[3] = wDims[0] / groups;
        m[4] = kvol;
        m[5] = npos;
        m[6] = xDims[0];
        m[7] = wDims[0];
        m[8] = x.offset();
        m[9] = w.offset();
        long[] xs = x.strides(), ws = w.strides();
        int base = 10;
        for (int i = 0; i < d + 2; i++) {
            m[base + i] = xs[i];
            m[base + R + 2 + i] = ws[i];
        }
        base += 2 * (R + 2);
        for (int i = 0; i < d; i++) {
            m[base + i] = xDims[2 + i];
            m[base + R + i] = Math.max(outSpatial[i], 1);
            m[base + 2 * R + i] = Math.max(wDims[2 + i], 1);
            m[base + 3 * R + i] = strides[i];
            m[base + 4 * R + i] = padLow[i];
            m[base + 5 * R + i] = lhsDilation[i];
            m[base + 6 * R + i] = rhsDilation[i];
        }
        return m;
    }
}
