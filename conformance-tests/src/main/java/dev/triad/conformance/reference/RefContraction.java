package dev.triad.conformance.reference;

import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/** Batched matmul and general N-d convolution (cross-correlation, as in XLA and PyTorch), accumulating in double. */
final class RefContraction {
    private RefContraction() {}

    /** {@code [..., m, k] x [..., k, n]}; batch dimensions broadcast. */
    static RefArray matmul(RefArray a, RefArray b, TensorType out) {
        Shape os = out.shape();
        int r = os.rank();
        int m = (int) os.dim(r - 2), n = (int) os.dim(r - 1), k = (int) a.shape().dim(a.rank() - 1);
        Shape batch = Shape.of(java.util.Arrays.copyOf(os.toArray(), r - 2));
        Shape aBatch = Shape.of(java.util.Arrays.copyOf(a.shape().toArray(), a.rank() - 2));
        Shape bBatch = Shape.of(java.util.Arrays.copyOf(b.shape().toArray(), b.rank() - 2));
        int[] ma = Index.broadcastMap(aBatch, batch), mb = Index.broadcastMap(bBatch, batch);
        int nb = ma.length;
        double[] rf = new double[nb * m * n];
        long[] rl = new long[nb * m * n];
        boolean integral = a.isIntegral();
        for (int t = 0; t < nb; t++) {
            int ao = ma[t] * m * k, bo = mb[t] * k * n, oo = t * m * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    long sl = 0;
                    for (int q = 0; q < k; q++) {
                        if (integral) sl += a.getLong(ao + i * k + q) * b.getLong(bo + q * n + j);
                        else s += a.get(ao + i * k + q) * b.get(bo + q * n + j);
                    }
                    rf[oo + i * n + j] = Elements.roundTo(out.dtype(), s);
                    rl[oo + i * n + j] = RefArray.wrap(out.dtype(), sl);
                }
            }
        }
        return integral ? RefArray.adoptLongs(out.dtype(), os, rl) : RefArray.adoptFloats(out.dtype(), os, rf);
    }

    /**
     * {@code out[n, o, y...] = sum over c in o's group and k... of lhs'[n, g*Cg + c, y*stride + k*rhs_dil] * rhs[o, c, k...]},
     * where lhs' is lhs with {@code lhs_dil - 1} zeros between elements and {@code pad_low} /
     * {@code pad_high} zeros (negative: cropped) at the ends of each spatial dimension.
     */
    static RefArray conv(RefArray lhs, RefArray rhs, int[] strides, int[] padLow, int[] lhsDil, int[] rhsDil, int groups, TensorType out) {
        Shape ls = lhs.shape(), rs = rhs.shape(), os = out.shape();
        int sp = ls.rank() - 2;
        int cg = (int) rs.dim(1);
        int oc = (int) rs.dim(0);
        int ocPerGroup = oc / groups;
        int[] lstr = Index.strides(ls), rstr = Index.strides(rs);
        Shape kernel = Shape.of(java.util.Arrays.copyOfRange(rs.toArray(), 2, rs.rank()));
        int kn = Index.numel(kernel);
        int n = Index.numel(os);
        double[] r = new double[n];
        int[] idx = new int[os.rank()];
        int[] kidx = new int[sp];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, os, idx);
            int b = idx[0], o = idx[1];
            int g = o / ocPerGroup;
            double s = 0;
            for (int c = 0; c < cg; c++) {
                for (int kf = 0; kf < kn; kf++) {
                    Index.unravel(kf, kernel, kidx);
                    int lo = b * lstr[0] + (g * cg + c) * lstr[1];
                    boolean inside = true;
                    for (int d = 0; d < sp && inside; d++) {
                        long p = (long) idx[2 + d] * strides[d] + (long) kidx[d] * rhsDil[d] - padLow[d];
                        if (p < 0 || p % lhsDil[d] != 0 || p / lhsDil[d] >= ls.dim(2 + d)) inside = false;
                        else lo += (int) (p / lhsDil[d]) * lstr[2 + d];
                    }
                    if (!inside) continue;
                    int ro = o * rstr[0] + c * rstr[1];
                    for (int d = 0; d < sp; d++) ro += kidx[d] * rstr[2 + d];
                    s += lhs.get(lo) * rhs.get(ro);
                }
            }
            r[f] = s;
        }
        return RefWindows.finish(r, out);
    }
}
