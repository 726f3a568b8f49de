package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/** Reductions over axes ({@code axes} sorted, unique, in range; {@code keep_dims}) and argmax/argmin. */
final class Reductions {
    private Reductions() {}

    /** Checks {@code axes} against {@code rank}: sorted, unique, in range. */
    static void checkAxes(String op, int[] axes, int rank) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank) {
                throw new AttributeException(op, "axis " + axes[i] + " is out of range for rank " + rank
                        + "; expected 0 <= axis < " + rank + " (normalise negative axes first)");
            }
            if (i > 0 && axes[i] <= axes[i - 1]) {
                throw new AttributeException(op, "axes " + Arrays.toString(axes) + " must be sorted and unique");
            }
        }
    }

    /** The shape after reducing {@code axes}. */
    static Shape reducedShape(Shape s, int[] axes, boolean keepDims) {
        if (!keepDims) return s.without(axes);
        Shape out = s;
        for (int a : axes) out = out.withDim(a, 1);
        return out;
    }

    /** {@code r} (the reduction's result) reshaped to keep-dims form, ready to broadcast against the input. */
    static <T> T keepDimsForm(Ops<T> o, T r, Shape inputShape, int[] axes) {
        return o.reshape(r, reducedShape(inputShape, axes, true));
    }

    /** Base of the axis reductions: shared shape rule and batching rule. */
    abstract static class AxisReduction extends Primitive {
        private final DTypeSet accepted;

        AxisReduction(String name, DTypeSet accepted, Derivative derivative) {
            super(name, 1, 1, Primitive.Category.REDUCTION, derivative, List.of(Keys.AXES, Keys.KEEP_DIMS));
            this.accepted = accepted;
        }

        @Override
        protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
            TensorType x = in.get(0);
            accepted.check(name(), "input", x.dtype());
            int[] axes = attrs.get(Keys.AXES);
            checkAxes(name(), axes, x.rank());
            checkNonEmpty(x.shape(), axes);
            return x.withShape(reducedShape(x.shape(), axes, attrs.get(Keys.KEEP_DIMS)));
        }

        /** Max and min have no identity for an empty axis; sum and prod do. */
        void checkNonEmpty(Shape s, int[] axes) {}

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            Attrs shifted = a.with(Keys.AXES, Batching.shift(a.get(Keys.AXES), 1));
            return new Batched<>(o.apply(this, shifted, List.of(x)), 0);
        }
    }

    static final Primitive REDUCE_SUM = new AxisReduction("reduce_sum", DTypeSet.NUMERIC, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            Shape s = o.shape(in.get(0));
            return List.of(o.broadcastTo(keepDimsForm(o, g, s, a.get(Keys.AXES)), s));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(this, a, List.of(t.get(0)));
        }
    };

    /**
     * Max and min: the gradient is shared equally among the elements that attain the extremum
     * (as JAX does), so ties get a fair share rather than an arbitrary winner.
     */
    static final class Extremum extends AxisReduction {
        Extremum(String name) { super(name, DTypeSet.NUMERIC, Primitive.Derivative.DIFFERENTIABLE); }

        @Override
        void checkNonEmpty(Shape s, int[] axes) {
            for (int ax : axes) {
                if (s.dim(ax) == 0) throw new ShapeException(name(), "cannot reduce empty axis " + ax + " of shape " + s + "; expected a non-empty axis (max/min have no identity)");
            }
        }

        private <T> T share(Ops<T> o, T x, T out, int[] axes) {
            Shape s = o.shape(x);
            T hits = o.cast(o.eq(x, o.broadcastTo(keepDimsForm(o, out, s, axes), s)), o.dtype(x));
            T count = o.sum(hits, axes, true);
            return o.div(hits, count);
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            int[] axes = a.get(Keys.AXES);
            Shape s = o.shape(x);
            return List.of(o.mul(o.broadcastTo(keepDimsForm(o, g, s, axes), s), share(o, x, out, axes)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            int[] axes = a.get(Keys.AXES);
            T weighted = o.sum(o.mul(t.get(0), share(o, in.get(0), out, axes)), axes, true);
            return o.reshape(weighted, o.shape(out));
        }
    }

    static final Primitive REDUCE_MAX = new Extremum("reduce_max");
    static final Primitive REDUCE_MIN = new Extremum("reduce_min");

    /**
     * Product. Its gradient is the product of the other elements, computed without dividing by
     * zero: with no zero it is {@code out / x}; with one zero only that element gets the
     * product of the rest; with two or more every gradient is zero.
     */
    static final Primitive REDUCE_PROD = new AxisReduction("reduce_prod", DTypeSet.NUMERIC, Primitive.Derivative.DIFFERENTIABLE) {
        private <T> T othersProduct(Ops<T> o, T x, T out, int[] axes) {
            Shape s = o.shape(x);
            T isZero = o.eq(x, 0.0);
            T nonZero = o.where(isZero, o.onesLike(x), x);
            T prodNonZero = o.broadcastTo(o.prod(nonZero, axes, true), s);
            T zeros = o.broadcastTo(o.sum(o.cast(isZero, o.dtype(x)), axes, true), s);
            T outB = o.broadcastTo(keepDimsForm(o, out, s, axes), s);
            T noZero = o.div(outB, nonZero);
            T oneZero = o.where(isZero, prodNonZero, o.zerosLike(x));
            return o.where(o.eq(zeros, 0.0), noZero, o.where(o.eq(zeros, 1.0), oneZero, o.zerosLike(x)));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            int[] axes = a.get(Keys.AXES);
            Shape s = o.shape(x);
            return List.of(o.mul(o.broadcastTo(keepDimsForm(o, g, s, axes), s), othersProduct(o, x, out, axes)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            int[] axes = a.get(Keys.AXES);
            T d = o.sum(o.mul(t.get(0), othersProduct(o, in.get(0), out, axes)), axes, true);
            return o.reshape(d, o.shape(out));
        }
    };

    /** argmax/argmin {@code {axis, keep_dims}}: i64 index of the first extremum along a non-empty axis. */
    static final class ArgExtremum extends Primitive {
        ArgExtremum(String name) { super(name, 1, 1, Primitive.Category.REDUCTION, Primitive.Derivative.NONE, List.of(Keys.AXIS, Keys.KEEP_DIMS)); }

        @Override
        protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
            TensorType x = in.get(0);
            DTypeSet.NUMERIC.check(name(), "input", x.dtype());
            int axis = attrs.get(Keys.AXIS);
            checkAxes(name(), new int[] {axis}, x.rank());
            if (x.shape().dim(axis) == 0) {
                throw new ShapeException(name(), "cannot take " + name() + " of empty axis " + axis + " of shape " + x.shape());
            }
            return new TensorType(DType.I64, reducedShape(x.shape(), new int[] {axis}, attrs.get(Keys.KEEP_DIMS)));
        }

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            return new Batched<>(o.apply(this, a.with(Keys.AXIS, a.get(Keys.AXIS) + 1), List.of(x)), 0);
        }
    }

    static final Primitive ARGMAX = new ArgExtremum("argmax");
    static final Primitive ARGMIN = new ArgExtremum("argmin");
}
