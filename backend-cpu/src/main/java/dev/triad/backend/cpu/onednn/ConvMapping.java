package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.StridedView;

/**
 * How one spi {@code conv} maps onto a oneDNN convolution primitive. The spi has a single conv
 * op; its VJP expresses both gradients as convs, which oneDNN runs best as its own
 * backward primitives. The mapping is recognised from the op's numbers alone (no graph
 * pattern), and each kind is exact arithmetic, so a wrong guess costs speed, never results:
 * <ul>
 *   <li>{@link Kind#FORWARD}: no input dilation. {@code src = lhs}, {@code weights = rhs}
 *       (split into groups), {@code dst = out}.</li>
 *   <li>{@link Kind#BACKWARD_DATA}: input dilation (the input gradient of a strided
 *       convolution), stride 1, one group. The spi's rhs is the forward kernel flipped and
 *       with its channels transposed, {@code R[c, o, t] = W[o, c, K-1-t]}, so
 *       {@code W = flip(transpose(R))} as a view, usually with positive strides again. Then
 *       {@code diff_dst = lhs}, {@code diff_src = out}, forward stride = input dilation,
 *       forward low padding = {@code (K-1)*dilation - pad_low}.</li>
 *   <li>{@link Kind#BACKWARD_WEIGHTS}: no input dilation, one group, and a "kernel" whose
 *       spatial extent exceeds the result's (the weight gradient: the input, batch and
 *       channels exchanged, convolved with the cotangent). {@code src = lhs} with dims 0 and 1
 *       exchanged back, {@code diff_dst = rhs} likewise, {@code diff_weights = out} as
 *       {@code [O, C, k...]}; forward stride = the op's rhs dilation, forward dilation = the
 *       op's stride, forward low padding = the op's low padding.</li>
 * </ul>
 * The forward problem's high padding is derived so that oneDNN's size rule
 * {@code dst = (src + pl + pr - ((k-1)*d+1)) / s + 1} holds; a mapping whose paddings would be
 * negative is not used.
 */
final class ConvMapping {
    /** Which oneDNN primitive computes the conv. */
    enum Kind { FORWARD, BACKWARD_DATA, BACKWARD_WEIGHTS }

    final Kind kind;
    /** The forward problem: dims of src [N, C, s...], weights [O, C, k...] (no groups), dst [N, O, o...]. */
    final long[] srcDims, weightDims, dstDims;
    /** Forward strides, dilations (oneDNN's convention: 0 = none) and paddings per spatial dimension. */
    final long[] strides, dilates, padL, padR;
    final int groups;

    private ConvMapping(Kind kind, long[] srcDims, long[] weightDims, long[] dstDims, long[] strides, long[] dilates,
                        long[] padL, long[] padR, int groups) {
        this.kind = kind;
        this.srcDims = srcDims;
        this.weightDims = weightDims;
        this.dstDims = dstDims;
        this.strides = strides;
        this.dilates = dilates;
        this.padL = padL;
        this.padR = padR;
        this.groups = groups;
    }

    /**
     * The mapping for a conv with these views and attributes, preferring the backward kinds
     * where they apply; null when no oneDNN convolution computes it.
     */
    static ConvMapping of(StridedView lhs, StridedView rhs, StridedView out, int[] stride, int[] lo, int[] hi,
                          int[] lhsDil, int[] rhsDil, int groups) {
        int d = lhs.rank() - 2;
        if (d < 1 || d > 3) return null;
        boolean inputDilated = false, strided = false;
        for (int i = 0; i < d; i++) {
            inputDilated |= lhsDil[i] != 1;
            strided |= stride[i] != 1;
        }
        if (inputDilated) return strided || groups != 1 ? null : backwardData(lhs, rhs, out, lo, lhsDil, rhsDil);
        if (groups == 1 && spatial(rhs) > spatial(out)) {
            ConvMapping m = backwardWeights(lhs, rhs, out, stride, lo, rhsDil);
            if (m != null) return m;
        }
        return forward(lhs, rhs, out, stride, lo, hi, rhsDil, groups);
    }

    private static ConvMapping forward(StridedView lhs, StridedView rhs, StridedView out, int[] stride, int[] lo, int[] hi,
                                       int[] rhsDil, int groups) {
        int d = lhs.rank() - 2;
        long[] s = new long[d], dil = new long[d], pl = new long[d], pr = new long[d];
        for (int i = 0; i < d; i++) {
            if (lo[i] < 0 || hi[i] < 0) return null;
            s[i] = stride[i];
            dil[i] = rhsDil[i] - 1;
            pl[i] = lo[i];
            pr[i] = hi[i];
        }
        long[] w = rhs.shape().clone();
        w[1] = lhs.dim(1);
        return new ConvMapping(Kind.FORWARD, lhs.shape(), w, out.shape(), s, dil, pl, pr, groups);
    }

    private static ConvMapping backwardData(StridedView lhs, StridedView rhs, StridedView out, int[] lo, int[] lhsDil, int[] rhsDil) {
        int d = lhs.rank() - 2;
        long[] s = new long[d], dil = new long[d], pl = new long[d], pr = new long[d];
        long[] src = out.shape(), dst = lhs.shape();
        for (int i = 0; i < d; i++) {
            long k = rhs.dim(2 + i);
            s[i] = lhsDil[i];
            dil[i] = rhsDil[i] - 1;
            pl[i] = (k - 1) * rhsDil[i] - lo[i];
            pr[i] = highPadding(src[2 + i], dst[2 + i], k, rhsDil[i], s[i], pl[i]);
            if (pl[i] < 0 || pr[i] < 0) return null;
        }
        long[] w = rhs.shape().clone();
        w[0] = rhs.dim(1);
        w[1] = rhs.dim(0);
        return new ConvMapping(Kind.BACKWARD_DATA, src, w, dst, s, dil, pl, pr, 1);
    }

    private static ConvMapping backwardWeights(StridedView lhs, StridedView rhs, StridedView out, int[] stride, int[] lo, int[] rhsDil) {
        int d = lhs.rank() - 2;
        long[] s = new long[d], dil = new long[d], pl = new long[d], pr = new long[d];
        long[] src = swap01(lhs.shape()), dst = swap01(rhs.shape()), w = swap01(out.shape());
        for (int i = 0; i < d; i++) {
            long k = w[2 + i];
            s[i] = rhsDil[i];
            dil[i] = stride[i] - 1;
            pl[i] = lo[i];
            pr[i] = highPadding(src[2 + i], dst[2 + i], k, stride[i], s[i], pl[i]);
            if (pl[i] < 0 || pr[i] < 0) return null;
        }
        return new ConvMapping(Kind.BACKWARD_WEIGHTS, src, w, dst, s, dil, pl, pr, 1);
    }

    /**
     * The smallest non-negative high padding for which oneDNN's size rule gives {@code outSize}
     * from {@code inSize}, or -1 when none does.
     */
    static long highPadding(long inSize, long outSize, long kernel, long dilation, long stride, long padLow) {
        long extent = (kernel - 1) * dilation + 1;
        long pr = Math.max(0, (outSize - 1) * stride + extent - inSize - padLow);
        long span = inSize + padLow + pr - extent;
        return span >= 0 && span / stride + 1 == outSize ? pr : -1;
    }

    /** {@code dims} with the first two exchanged. */
    static long[] swap01(long[] dims) {
        long[] r = dims.clone();
        r[0] = dims[1];
        r[1] = dims[0];
        return r;
    }

    private static long spatial(StridedView v) {
        long n = 1;
        for (int i = 2; i < v.rank(); i++) n *= v.dim(i);
        return n;
    }
}
