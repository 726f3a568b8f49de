package dev.triad.bench.check;

import java.util.SplittableRandom;

/**
 * Float64 references written as the plainest loops, independent of every backend and of the
 * op library. Large outputs are checked at sampled positions ({@link #sample}): a dot product
 * costs {@code k} multiply-adds, so 64 samples of a 2048-cube matmul check in microseconds what
 * a full reference would take seconds for, and a wrong kernel is still caught.
 */
public final class Ref {
    private Ref() {}

    /** {@code count} distinct-enough positions in {@code [0, total)}, including the first and last. */
    public static int[] sample(long seed, int count, int total) {
        int n = Math.min(count, total);
        int[] idx = new int[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) idx[i] = r.nextInt(total);
        if (n > 0) idx[0] = 0;
        if (n > 1) idx[n - 1] = total - 1;
        return idx;
    }

    /**
     * Elements {@code idx} (row-major in {@code [m, n]}) of {@code a[m,k] x b[k,n]}.
     *
     * @return {expected values, sum of |terms| per value}
     */
    public static double[][] matmulAt(float[] a, float[] b, int m, int k, int n, int[] idx) {
        double[] v = new double[idx.length], s = new double[idx.length];
        for (int t = 0; t < idx.length; t++) {
            int i = idx[t] / n, j = idx[t] % n;
            double acc = 0, mag = 0;
            for (int p = 0; p < k; p++) {
                double term = (double) a[i * k + p] * b[p * n + j];
                acc += term;
                mag += Math.abs(term);
            }
            v[t] = acc;
            s[t] = mag;
        }
        return new double[][] {v, s};
    }

    /**
     * Elements {@code idx} of the convolution {@code x[N,C,H,W] * w[O,C,kh,kw]} with one stride
     * and symmetric zero padding, output {@code [N,O,OH,OW]}.
     *
     * @return {expected values, sum of |terms| per value}
     */
    public static double[][] convAt(float[] x, float[] w, int nBatch, int c, int h, int wd, int o, int kh, int kw,
                                    int stride, int pad, int[] idx) {
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        double[] v = new double[idx.length], s = new double[idx.length];
        for (int t = 0; t < idx.length; t++) {
            int r = idx[t];
            int ox = r % ow;
            r /= ow;
            int oy = r % oh;
            r /= oh;
            int oc = r % o;
            int nb = r / o;
            double acc = 0, mag = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) continue;
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * stride - pad + kx;
                        if (ix < 0 || ix >= wd) continue;
                        double term = (double) x[((nb * c + ci) * h + iy) * wd + ix] * w[((oc * c + ci) * kh + ky) * kw + kx];
                        acc += term;
                        mag += Math.abs(term);
                    }
                }
            }
            v[t] = acc;
            s[t] = mag;
        }
        return new double[][] {v, s};
    }

    /** GELU with the tanh approximation, {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    public static double[] geluTanh(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            out[i] = 0.5 * v * (1 + Math.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
        }
        return out;
    }

    /** Softmax of each row of {@code x[rows, cols]}. */
    public static double[] softmaxRows(float[] x, int rows, int cols) {
        double[] out = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[r * cols + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += out[r * cols + j] = Math.exp(x[r * cols + j] - max);
            for (int j = 0; j < cols; j++) out[r * cols + j] /= sum;
        }
        return out;
    }

    /** Layer norm of each row of {@code x[rows, cols]} with {@code gamma}, {@code beta} of length cols. */
    public static double[] layerNormRows(float[] x, int rows, int cols, float[] gamma, float[] beta, double eps) {
        double[] out = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) mean += x[r * cols + j];
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[r * cols + j] - mean;
                var += d * d;
            }
            var /= cols;
            double inv = 1 / Math.sqrt(var + eps);
            for (int j = 0; j < cols; j++) out[r * cols + j] = (x[r * cols + j] - mean) * inv * gamma[j] + beta[j];
        }
        return out;
    }

    /**
     * Sum or max over each row of {@code x[rows, cols]} (rows = 1 for a full reduction).
     *
     * @return {expected values, sum of |terms| per value (for max: |max|)}
     */
    public static double[][] reduceRows(float[] x, int rows, int cols, boolean max) {
        double[] v = new double[rows], s = new double[rows];
        for (int r = 0; r < rows; r++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0, mag = 0;
            for (int j = 0; j < cols; j++) {
                float e = x[r * cols + j];
                if (max) acc = Math.max(acc, e);
                else acc += e;
                mag += Math.abs(e);
            }
            v[r] = acc;
            s[r] = max ? Math.abs(acc) : mag;
        }
        return new double[][] {v, s};
    }

    /** {@code x[d0, d1, ...]} permuted by {@code perm} into a contiguous array. */
    public static float[] permute(float[] x, long[] dims, int[] perm) {
        int rank = dims.length;
        long[] strides = new long[rank];
        long st = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = st;
            st *= dims[i];
        }
        long[] outDims = new long[rank];
        for (int i = 0; i < rank; i++) outDims[i] = dims[perm[i]];
        float[] out = new float[x.length];
        int[] pos = new int[rank];
        for (int o = 0; o < out.length; o++) {
            long src = 0;
            for (int i = 0; i < rank; i++) src += pos[i] * strides[perm[i]];
            out[o] = x[(int) src];
            for (int i = rank - 1; i >= 0; i--) {
                if (++pos[i] < outDims[i]) break;
                pos[i] = 0;
            }
        }
        return out;
    }
}
