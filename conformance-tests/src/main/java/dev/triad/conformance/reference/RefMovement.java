package dev.triad.conformance.reference;

import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * Data movement kernels. Each computes, for every result element, which input element it
 * copies (or that it is padding), then copies: no arithmetic, so every dtype is exact.
 */
final class RefMovement {
    private RefMovement() {}

    /** Result of {@code out}'s type whose element i is {@code x[src[i]]}, or {@code fill} where src[i] is -1. */
    static RefArray select(RefArray x, TensorType out, int[] src, double fill) {
        int n = src.length;
        if (out.dtype().isFloating()) {
            double f = Elements.roundTo(out.dtype(), fill);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = src[i] < 0 ? f : x.get(src[i]);
            return RefArray.adoptFloats(out.dtype(), out.shape(), r);
        }
        // A fill value converts like a float-to-integer cast: truncating and saturating (-1 in u8 is 0), != 0 for bool.
        long f = (long) Elements.roundTo(out.dtype(), fill);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = src[i] < 0 ? f : x.getLong(src[i]);
        return RefArray.adoptLongs(out.dtype(), out.shape(), r);
    }

    static RefArray reshape(RefArray x, TensorType out) {
        int[] src = new int[x.size()];
        for (int i = 0; i < src.length; i++) src[i] = i;
        return select(x, out, src, 0);
    }

    static RefArray permute(RefArray x, int[] perm, TensorType out) {
        int[] inStr = Index.strides(x.shape());
        int n = Index.numel(out.shape());
        int[] src = new int[n];
        int[] idx = new int[out.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, out.shape(), idx);
            int s = 0;
            for (int i = 0; i < perm.length; i++) s += idx[i] * inStr[perm[i]];
            src[f] = s;
        }
        return select(x, out, src, 0);
    }

    static RefArray broadcastTo(RefArray x, TensorType out) {
        return select(x, out, Index.broadcastMap(x.shape(), out.shape()), 0);
    }

    static RefArray slice(RefArray x, long[] start, long[] step, TensorType out) {
        int[] inStr = Index.strides(x.shape());
        int n = Index.numel(out.shape());
        int[] src = new int[n];
        int[] idx = new int[out.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, out.shape(), idx);
            int s = 0;
            for (int i = 0; i < idx.length; i++) s += (int) (start[i] + idx[i] * step[i]) * inStr[i];
            src[f] = s;
        }
        return select(x, out, src, 0);
    }

    /**
     * Padding: along each dimension the input, with {@code interior} fill elements between
     * neighbours, starts at position {@code low} of the result (negative low/high crop).
     */
    static RefArray pad(RefArray x, long[] low, long[] interior, double value, TensorType out) {
        int[] inStr = Index.strides(x.shape());
        int n = Index.numel(out.shape());
        int[] src = new int[n];
        int[] idx = new int[out.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, out.shape(), idx);
            int s = 0;
            for (int i = 0; i < idx.length && s >= 0; i++) {
                long q = idx[i] - low[i];
                long gap = interior[i] + 1;
                if (q < 0 || q % gap != 0 || q / gap >= x.shape().dim(i)) {
                    s = -1;
                } else {
                    s += (int) (q / gap) * inStr[i];
                }
            }
            src[f] = s;
        }
        return select(x, out, src, value);
    }

    static RefArray concat(List<RefArray> xs, int axis, TensorType out) {
        int n = Index.numel(out.shape());
        int[] which = new int[n];
        int[] src = new int[n];
        int[] idx = new int[out.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, out.shape(), idx);
            int k = 0;
            int pos = idx[axis];
            while (pos >= xs.get(k).shape().dim(axis)) {
                pos -= (int) xs.get(k).shape().dim(axis);
                k++;
            }
            int[] str = Index.strides(xs.get(k).shape());
            int s = 0;
            for (int i = 0; i < idx.length; i++) s += (i == axis ? pos : idx[i]) * str[i];
            which[f] = k;
            src[f] = s;
        }
        if (out.dtype().isFloating()) {
            double[] r = new double[n];
            for (int f = 0; f < n; f++) r[f] = xs.get(which[f]).get(src[f]);
            return RefArray.adoptFloats(out.dtype(), out.shape(), r);
        }
        long[] r = new long[n];
        for (int f = 0; f < n; f++) r[f] = xs.get(which[f]).getLong(src[f]);
        return RefArray.adoptLongs(out.dtype(), out.shape(), r);
    }

    static RefArray flip(RefArray x, int[] axes, TensorType out) {
        boolean[] flipped = new boolean[x.rank()];
        for (int a : axes) flipped[a] = true;
        Shape s = x.shape();
        int[] str = Index.strides(s);
        int n = x.size();
        int[] src = new int[n];
        int[] idx = new int[s.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, s, idx);
            int o = 0;
            for (int i = 0; i < idx.length; i++) o += (flipped[i] ? (int) s.dim(i) - 1 - idx[i] : idx[i]) * str[i];
            src[f] = o;
        }
        return select(x, out, src, 0);
    }
}
