package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Scaled dot-product attention. Its derivative comes from the decomposition. */
final class Attention {
    private Attention() {}

    /**
     * A finite score that loses every softmax: 0.7 of the dtype's most negative value (as JAX
     * uses), far enough from the end of the range that subtracting the row maximum stays finite.
     */
    static double maskedScore(DType t) {
        double max = switch (t) {
            case F64 -> Double.MAX_VALUE;
            case F16 -> 65504.0;
            case BF16 -> 3.3895313892515355e38;
            default -> Float.MAX_VALUE;
        };
        return -0.7 * max;
    }

    /**
     * attention {scale, causal} (q [..., Lq, D], k [..., Lk, D], v [..., Lk, Dv], optional mask
     * bool broadcastable to [..., Lq, Lk], true = attend) =
     * {@code softmax(q k^T * s + masking) v}, {@code s = scale}, or {@code 1 / sqrt(D)} when scale
     * is 0. The batch dims {@code ...} of q, k and v broadcast. {@code causal} masks key j for
     * query i when {@code j > i} (aligned top-left, as PyTorch's {@code is_causal}). Masked
     * scores are replaced by a large finite negative, not {@code -inf}, so nothing becomes NaN.
     *
     * <p>A query row whose keys are all masked by {@code mask} gets zero attention weights and
     * so a zero output, with zero gradients (as PyTorch's SDPA and flash attention do), instead
     * of NaN. Causal masking alone never masks a whole row (key 0 is always visible).
     */
    static final Primitive ATTENTION = new Composite("attention", 3, 4, List.of(Keys.SCALE, Keys.CAUSAL)) {
        @Override public boolean isDifferentiableInput(int index) { return index < 3; }
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType q = in.get(0), k = in.get(1), v = in.get(2);
            checkFloat("q", q);
            if (k.dtype() != q.dtype() || v.dtype() != q.dtype()) {
                throw new DTypeException(name(), "q, k, v have dtypes " + q.dtype() + ", " + k.dtype() + ", " + v.dtype() + "; expected one floating dtype");
            }
            checkMatrix("q", q);
            checkMatrix("k", k);
            checkMatrix("v", v);
            long d = last(q, 1), lq = last(q, 2), lk = last(k, 2);
            if (last(k, 1) != d) {
                throw new ShapeException(name(), "q " + q + " and k " + k + " have head dims " + d + " and " + last(k, 1) + "; expected equal sizes of the last axis");
            }
            if (last(v, 2) != lk) {
                throw new ShapeException(name(), "k " + k + " and v " + v + " have " + lk + " and " + last(v, 2) + " keys; expected equal sizes of axis -2");
            }
            Shape batch = Broadcasting.broadcast(name(), batchDims(q), batchDims(k), batchDims(v));
            if (in.size() == 4) {
                TensorType mask = in.get(3);
                if (mask.dtype() != DType.BOOL) throw new DTypeException(name(), "mask has dtype " + mask.dtype() + "; expected bool (true = attend)");
                Shape scores = batch.insert(batch.rank(), lq).insert(batch.rank() + 1, lk);
                if (!Broadcasting.broadcastsTo(mask.shape(), scores)) {
                    throw new ShapeException(name(), "mask has shape " + mask.shape() + "; expected a shape broadcastable to the scores' " + scores);
                }
            }
            double scale = a.get(Keys.SCALE);
            if (!Double.isFinite(scale)) throw new AttributeException(name(), "scale is " + scale + "; expected a finite value (0 means 1/sqrt(D))");
        }
        private void checkMatrix(String what, TensorType t) {
            if (t.rank() < 2) throw new ShapeException(name(), what + " has shape " + t.shape() + "; expected rank >= 2 ([..., L, D])");
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T q = in.get(0), k = in.get(1), v = in.get(2);
            T mask = in.size() == 4 ? in.get(3) : null;
            Shape qs = o.shape(q);
            long lq = qs.dim(qs.rank() - 2), lk = o.shape(k).dim(o.rank(k) - 2);
            double scale = a.get(Keys.SCALE);
            double s = scale == 0 ? 1.0 / Math.sqrt(qs.dim(qs.rank() - 1)) : scale;
            T scores = o.mul(o.matmul(q, o.transposeLast2(k)), s);
            T keep = mask;
            if (a.get(Keys.CAUSAL)) {
                Shape square = Shape.of(lq, lk);
                T causal = o.le(o.iota(square, DType.I32, 1), o.iota(square, DType.I32, 0));
                keep = keep == null ? causal : o.and(keep, causal);
            }
            if (keep != null) scores = o.where(keep, scores, o.scalarFor(scores, maskedScore(o.dtype(scores))));
            T weights = o.softmax(scores, -1);
            // A fully masked row saw only equal masked scores (uniform weights): zero it, and every
            // masked weight with it; unmasked rows already have exact zeros there.
            if (mask != null) weights = o.where(keep, weights, o.zerosLike(weights));
            return o.matmul(weights, v);
        }
    };

    private static long last(TensorType t, int fromEnd) { return t.shape().dim(t.rank() - fromEnd); }

    private static Shape batchDims(TensorType t) {
        long[] d = new long[t.rank() - 2];
        for (int i = 0; i < d.length; i++) d[i] = t.shape().dim(i);
        return Shape.of(d);
    }
}
