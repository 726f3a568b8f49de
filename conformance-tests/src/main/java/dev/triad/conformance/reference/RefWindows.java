package dev.triad.conformance.reference;

import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/**
 * Sliding-window kernels. A window at result position {@code y} covers operand positions
 * {@code y * stride + k - pad_low} for {@code 0 <= k < window} in every dimension; positions
 * outside the operand are padding (-inf for max, 0 for sum). The "first maximum" of a window
 * is the first position, in row-major order over the window, holding its largest value.
 */
final class RefWindows {
    private RefWindows() {}

    /** Rounds double results to {@code out}'s dtype (integers truncate and wrap). */
    static RefArray finish(double[] r, TensorType out) {
        if (out.dtype().isFloating()) {
            for (int i = 0; i < r.length; i++) r[i] = Elements.roundTo(out.dtype(), r[i]);
            return RefArray.adoptFloats(out.dtype(), out.shape(), r);
        }
        long[] l = new long[r.length];
        for (int i = 0; i < r.length; i++) l[i] = RefArray.wrap(out.dtype(), (long) r[i]);
        return RefArray.adoptLongs(out.dtype(), out.shape(), l);
    }

    /** Walks every window of {@code operand} for result shape {@code windowed}. */
    private interface WindowVisitor {
        /** Called for result element {@code y} with the flat operand positions of its window (-1: padding). */
        void visit(int y, int[] positions);
    }

    private static void forEachWindow(Shape operand, Shape windowed, int[] window, int[] strides, int[] padLow, WindowVisitor v) {
        int rank = operand.rank();
        Shape wShape = Shape.ofInts(window);
        int wn = Index.numel(wShape);
        int[] str = Index.strides(operand);
        int[] yi = new int[rank], ki = new int[rank];
        int[] positions = new int[wn];
        int n = Index.numel(windowed);
        for (int y = 0; y < n; y++) {
            Index.unravel(y, windowed, yi);
            for (int k = 0; k < wn; k++) {
                Index.unravel(k, wShape, ki);
                int pos = 0;
                for (int d = 0; d < rank && pos >= 0; d++) {
                    long p = (long) yi[d] * strides[d] + ki[d] - padLow[d];
                    if (p < 0 || p >= operand.dim(d)) pos = -1;
                    else pos += (int) p * str[d];
                }
                positions[k] = pos;
            }
            v.visit(y, positions);
        }
    }

    static RefArray reduceWindow(boolean max, RefArray x, int[] window, int[] strides, int[] padLow, TensorType out) {
        double[] r = new double[Index.numel(out.shape())];
        forEachWindow(x.shape(), out.shape(), window, strides, padLow, (y, pos) -> {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int p : pos) {
                double v = p < 0 ? (max ? Double.NEGATIVE_INFINITY : 0) : x.get(p);
                acc = max ? Math.max(acc, v) : acc + v;
            }
            r[y] = acc;
        });
        return finish(r, out);
    }

    /** The position of the window's first maximum, or -1 when that is padding. */
    private static int firstMax(RefArray operand, int[] pos) {
        int best = -2;
        double bestVal = 0;
        for (int p : pos) {
            double v = p < 0 ? Double.NEGATIVE_INFINITY : operand.get(p);
            if (best == -2 || v > bestVal) {
                best = p;
                bestVal = v;
            }
        }
        return best < 0 ? -1 : best;
    }

    static RefArray selectAndScatterAdd(RefArray source, RefArray operand, int[] window, int[] strides, int[] padLow, TensorType out) {
        double[] r = new double[operand.size()];
        forEachWindow(operand.shape(), source.shape(), window, strides, padLow, (y, pos) -> {
            int best = firstMax(operand, pos);
            if (best >= 0) r[best] += source.get(y);
        });
        return finish(r, out);
    }

    static RefArray selectAndGather(RefArray tangent, RefArray operand, int[] window, int[] strides, int[] padLow, TensorType out) {
        double[] r = new double[Index.numel(out.shape())];
        forEachWindow(operand.shape(), out.shape(), window, strides, padLow, (y, pos) -> {
            int best = firstMax(operand, pos);
            r[y] = best >= 0 ? tangent.get(best) : 0;
        });
        return finish(r, out);
    }
}
