package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Collections;
import java.util.List;

/**
 * Reductions defined by decomposition: mean, variance and logsumexp over sorted, unique axes,
 * with {@code keep_dims}. Each has a direct derivative rule (cheaper than differentiating the
 * decomposition) and batches by shifting its axes.
 */
final class Statistics {
    private Statistics() {}

    /** Number of elements reduced: the product of the sizes of {@code axes}. */
    static long count(Shape s, int[] axes) {
        long n = 1;
        for (int ax : axes) n *= s.dim(ax);
        return n;
    }

    /** {@code g} (shaped like the reduction's result) broadcast back over the input's shape. */
    static <T> T spread(Ops<T> o, T g, Shape inputShape, int[] axes) {
        return o.broadcastTo(Reductions.keepDimsForm(o, g, inputShape, axes), inputShape);
    }

    /**
     * Arithmetic mean. Floating inputs keep their dtype; integer and bool inputs are averaged
     * in F32, the default float type (as JAX does; NumPy would use F64, PyTorch refuses), so the
     * result is never a truncated integer. Averaging over an empty axis gives NaN.
     */
    static final Primitive MEAN = new Composite.OverAxes("mean", List.of(Keys.AXES, Keys.KEEP_DIMS)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            Reductions.checkAxes(name(), a.get(Keys.AXES), in.get(0).rank());
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = o.cast(in.get(0), averagingType(o.dtype(in.get(0))));
            int[] axes = a.get(Keys.AXES);
            return o.div(o.sum(x, axes, a.get(Keys.KEEP_DIMS)), (double) count(o.shape(x), axes));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            if (!o.dtype(x).isFloating()) return Collections.singletonList(null);
            int[] axes = a.get(Keys.AXES);
            return List.of(o.div(spread(o, g, o.shape(x), axes), (double) count(o.shape(x), axes)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.dtype(in.get(0)).isFloating() ? o.apply(this, a, List.of(t.get(0))) : o.zerosLike(out);
        }
    };

    /**
     * Variance {@code sum((x - mean)^2) / (N - correction)}, computed in two passes (subtracting
     * the mean first) so that large offsets do not cancel catastrophically. Integer and bool
     * inputs are computed in F32 as for {@link #MEAN}. When {@code N <= correction} the divisor
     * is 0 and the result is NaN (or inf), as in PyTorch.
     */
    static final Primitive VARIANCE = new Composite.OverAxes("variance", List.of(Keys.AXES, Keys.KEEP_DIMS, Keys.CORRECTION)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            Reductions.checkAxes(name(), a.get(Keys.AXES), in.get(0).rank());
            int c = a.get(Keys.CORRECTION);
            if (c < 0) throw new AttributeException(name(), "correction is " + c + "; expected >= 0 (0: population, 1: sample)");
        }
        private double divisor(Shape s, Attrs a) {
            return Math.max(count(s, a.get(Keys.AXES)) - a.get(Keys.CORRECTION), 0);
        }
        private <T> T centred(Ops<T> o, T x, int[] axes) {
            return o.sub(x, o.mean(x, axes, true));
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = o.cast(in.get(0), averagingType(o.dtype(in.get(0))));
            int[] axes = a.get(Keys.AXES);
            T d = centred(o, x, axes);
            return o.div(o.sum(o.mul(d, d), axes, a.get(Keys.KEEP_DIMS)), divisor(o.shape(x), a));
        }
        // d var / dx = 2 (x - mean) / (N - correction); the mean's own dependence on x sums to zero.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            if (!o.dtype(x).isFloating()) return Collections.singletonList(null);
            int[] axes = a.get(Keys.AXES);
            T d = centred(o, x, axes);
            return List.of(o.mul(spread(o, g, o.shape(x), axes), o.mul(d, 2.0 / divisor(o.shape(x), a))));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            T x = in.get(0);
            if (!o.dtype(x).isFloating()) return o.zerosLike(out);
            int[] axes = a.get(Keys.AXES);
            T d = centred(o, x, axes);
            return o.mul(o.sum(o.mul(d, t.get(0)), axes, a.get(Keys.KEEP_DIMS)), 2.0 / divisor(o.shape(x), a));
        }
    };

    /**
     * {@code log(sum(exp(x)))}, computed as {@code m + log(sum(exp(x - m)))} with {@code m} the
     * maximum. Where {@code m} is infinite it is replaced by 0, so a slice that is all
     * {@code -inf} gives {@code -inf} (the log of an empty sum) and one holding {@code +inf}
     * gives {@code +inf}, instead of {@code inf - inf = NaN}. The reduced axes must be non-empty.
     */
    static final Primitive LOGSUMEXP = new Composite.OverAxes("logsumexp", List.of(Keys.AXES, Keys.KEEP_DIMS)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0);
            checkFloat("input", x);
            int[] axes = a.get(Keys.AXES);
            Reductions.checkAxes(name(), axes, x.rank());
            for (int ax : axes) {
                if (x.shape().dim(ax) == 0) {
                    throw new ShapeException(name(), "cannot reduce empty axis " + ax + " of " + x + "; expected non-empty axes");
                }
            }
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            int[] axes = a.get(Keys.AXES);
            T m = o.reduceMax(x, axes, true);
            T safe = o.where(o.eq(o.abs(m), Double.POSITIVE_INFINITY), o.zerosLike(m), m);
            T r = o.add(o.log(o.sum(o.exp(o.sub(x, safe)), axes, true)), safe);
            return o.reshape(r, Reductions.reducedShape(o.shape(x), axes, a.get(Keys.KEEP_DIMS)));
        }
        // d lse / dx = exp(x - lse) = softmax over the reduced axes.
        private <T> T weights(Ops<T> o, T x, T out, int[] axes) {
            return o.exp(o.sub(x, Reductions.keepDimsForm(o, out, o.shape(x), axes)));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            int[] axes = a.get(Keys.AXES);
            return List.of(o.mul(spread(o, g, o.shape(x), axes), weights(o, x, out, axes)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            T x = in.get(0);
            int[] axes = a.get(Keys.AXES);
            return o.reshape(o.sum(o.mul(t.get(0), weights(o, x, out, axes)), axes, true), o.shape(out));
        }
    };
}
