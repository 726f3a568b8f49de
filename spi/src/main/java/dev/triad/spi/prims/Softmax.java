package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * softmax and log_softmax along one axis, computed after subtracting the maximum so that
 * {@code exp} never overflows. The shift needs no stop-gradient: it cancels exactly, and the
 * direct derivative rules below never differentiate it. A row that is entirely {@code -inf}
 * (or holds {@code +inf}) gives NaN, as in PyTorch and JAX. An empty axis gives an empty result.
 */
final class Softmax {
    private Softmax() {}

    /** Shared checks and batching of the two: one float input, one axis. */
    abstract static class AlongAxis extends Composite {
        AlongAxis(String name) { super(name, 1, 1, List.of(Keys.AXIS)); }

        @Override
        void validate(List<TensorType> in, Attrs a) {
            checkFloat("input", in.get(0));
            checkAxis(a.get(Keys.AXIS), in.get(0));
        }

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            return new Batched<>(o.apply(this, a.with(Keys.AXIS, a.get(Keys.AXIS) + 1), List.of(x)), 0);
        }
    }

    /** {@code x - max(x)} along {@code axis}. */
    static <T> T shifted(Ops<T> o, T x, int axis) {
        return o.sub(x, o.reduceMax(x, new int[] {axis}, true));
    }

    /** {@code sum(v)} along {@code axis}, kept for broadcasting. */
    static <T> T sumAlong(Ops<T> o, T v, int axis) {
        return o.sum(v, new int[] {axis}, true);
    }

    /** exp(x - max) / sum(exp(x - max)). */
    static final Primitive SOFTMAX = new AlongAxis("softmax") {
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            int axis = a.get(Keys.AXIS);
            if (o.shape(x).dim(axis) == 0) return x;
            T e = o.exp(shifted(o, x, axis));
            return o.div(e, sumAlong(o, e, axis));
        }
        // With y = softmax(x): dy = y * (dx - sum(dx * y)); the VJP is the same expression in g.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T y, T g, Attrs a) {
            return List.of(o.mul(y, o.sub(g, sumAlong(o, o.mul(g, y), a.get(Keys.AXIS)))));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T y, List<T> t, Attrs a) {
            T dx = t.get(0);
            return o.mul(y, o.sub(dx, sumAlong(o, o.mul(dx, y), a.get(Keys.AXIS))));
        }
    };

    /** (x - max) - log(sum(exp(x - max))). */
    static final Primitive LOG_SOFTMAX = new AlongAxis("log_softmax") {
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            int axis = a.get(Keys.AXIS);
            if (o.shape(x).dim(axis) == 0) return x;
            T s = shifted(o, x, axis);
            return o.sub(s, o.log(sumAlong(o, o.exp(s), axis)));
        }
        // With y = log_softmax(x): dy = dx - softmax(x) * sum(dx), and softmax(x) = exp(y).
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T y, T g, Attrs a) {
            return List.of(o.sub(g, o.mul(o.exp(y), sumAlong(o, g, a.get(Keys.AXIS)))));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T y, List<T> t, Attrs a) {
            T dx = t.get(0);
            return o.sub(dx, sumAlong(o, o.mul(o.exp(y), dx), a.get(Keys.AXIS)));
        }
    };
}
