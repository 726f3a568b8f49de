package dev.triad.conformance.reference;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;

/**
 * Reduction kernels: sum and product (identities 0 and 1 on empty axes), NaN-propagating max
 * and min, and argmax/argmin returning the first extremum (a NaN counts as the extremum, as in
 * NumPy). Floating sums and products accumulate in double and round once.
 */
final class RefReductions {
    private RefReductions() {}

    /** For each input flat index, the flat index of the result it contributes to. */
    private static int[] targets(Shape in, boolean[] reduced) {
        long[] kd = in.toArray();
        for (int i = 0; i < kd.length; i++) if (reduced[i]) kd[i] = 1;
        int[] kstr = Index.strides(Shape.of(kd));
        int n = Index.numel(in);
        int[] map = new int[n];
        int[] idx = new int[in.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, in, idx);
            int t = 0;
            for (int i = 0; i < idx.length; i++) if (!reduced[i]) t += idx[i] * kstr[i];
            map[f] = t;
        }
        return map;
    }

    static RefArray reduce(Primitive p, RefArray x, int[] axes, TensorType out) {
        boolean[] reduced = new boolean[x.rank()];
        for (int a : axes) reduced[a] = true;
        int[] map = targets(x.shape(), reduced);
        int m = Index.numel(out.shape());
        String op = p.name();
        if (x.isIntegral()) {
            long[] acc = new long[m];
            Arrays.fill(acc, switch (op) {
                case "reduce_sum" -> 0L;
                case "reduce_prod" -> 1L;
                case "reduce_max" -> Long.MIN_VALUE;
                case "reduce_min" -> Long.MAX_VALUE;
                default -> throw new IllegalStateException("not a reduction: " + p);
            });
            for (int f = 0; f < map.length; f++) {
                long v = x.getLong(f);
                int t = map[f];
                acc[t] = switch (op) {
                    case "reduce_sum" -> acc[t] + v;
                    case "reduce_prod" -> acc[t] * v;
                    case "reduce_max" -> Math.max(acc[t], v);
                    default -> Math.min(acc[t], v);
                };
            }
            for (int i = 0; i < m; i++) acc[i] = RefArray.wrap(out.dtype(), acc[i]);
            return RefArray.adoptLongs(out.dtype(), out.shape(), acc);
        }
        double[] acc = new double[m];
        Arrays.fill(acc, switch (op) {
            case "reduce_sum" -> 0.0;
            case "reduce_prod" -> 1.0;
            case "reduce_max" -> Double.NEGATIVE_INFINITY;
            case "reduce_min" -> Double.POSITIVE_INFINITY;
            default -> throw new IllegalStateException("not a reduction: " + p);
        });
        for (int f = 0; f < map.length; f++) {
            double v = x.get(f);
            int t = map[f];
            acc[t] = switch (op) {
                case "reduce_sum" -> acc[t] + v;
                case "reduce_prod" -> acc[t] * v;
                case "reduce_max" -> Math.max(acc[t], v);
                default -> Math.min(acc[t], v);
            };
        }
        for (int i = 0; i < m; i++) acc[i] = Elements.roundTo(out.dtype(), acc[i]);
        return RefArray.adoptFloats(out.dtype(), out.shape(), acc);
    }

    static RefArray argExtremum(boolean max, RefArray x, int axis, TensorType out) {
        boolean[] reduced = new boolean[x.rank()];
        reduced[axis] = true;
        int[] map = targets(x.shape(), reduced);
        int m = Index.numel(out.shape());
        long[] best = new long[m];
        double[] bestVal = new double[m];
        long[] bestInt = new long[m];
        boolean[] seen = new boolean[m];
        int[] idx = new int[x.rank()];
        for (int f = 0; f < map.length; f++) {
            Index.unravel(f, x.shape(), idx);
            int t = map[f];
            boolean better;
            if (!seen[t]) {
                better = true;
            } else if (x.isIntegral()) {
                long v = x.getLong(f);
                better = max ? v > bestInt[t] : v < bestInt[t];
            } else {
                double v = x.get(f), b = bestVal[t];
                better = !Double.isNaN(b) && (Double.isNaN(v) || (max ? v > b : v < b));
            }
            if (better) {
                seen[t] = true;
                best[t] = idx[axis];
                bestVal[t] = x.get(f);
                bestInt[t] = x.getLong(f);
            }
        }
        return RefArray.adoptLongs(DType.I64, out.shape(), best);
    }
}
