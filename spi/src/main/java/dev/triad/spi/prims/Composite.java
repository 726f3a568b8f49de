package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.ops.TypeOps;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * Base of the composite ops. A composite first checks its own inputs and attributes, so an
 * error names the composite and what the user passed rather than a primitive deep inside the
 * decomposition; its result type is then whatever its decomposition gives over {@link TypeOps},
 * so the type and the computation cannot disagree.
 */
abstract class Composite extends Primitive {
    Composite(String name, int minArity, int maxArity, List<Attr<?>> attrs) {
        super(name, minArity, maxArity, Primitive.Category.COMPOSITE, Primitive.Derivative.DIFFERENTIABLE, attrs);
    }

    /** Checks the inputs and attributes, throwing typed exceptions that name this composite. */
    abstract void validate(List<TensorType> in, Attrs a);

    @Override
    protected final TensorType shapeRule(List<TensorType> in, Attrs a) {
        validate(in, a);
        return decompose(TypeOps.INSTANCE, in, a);
    }

    @Override
    public abstract <T> T decompose(Ops<T> ops, List<T> inputs, Attrs attrs);

    // ---- checks shared by the composites ----------------------------------------------------

    /** {@code what} must have a floating dtype. */
    void checkFloat(String what, TensorType t) {
        DTypeSet.FLOAT.check(name(), what, t.dtype());
    }

    /** {@code what} must have the dtype of {@code x}. */
    void checkSameDType(String what, TensorType t, TensorType x) {
        if (t.dtype() != x.dtype()) {
            throw new DTypeException(name(), what + " has dtype " + t.dtype() + "; expected " + x.dtype() + " (the dtype of x " + x + ")");
        }
    }

    /** {@code axis} must be a valid non-negative axis of {@code x}. */
    void checkAxis(int axis, TensorType x) {
        if (axis < 0 || axis >= x.rank()) {
            throw new AttributeException(name(), "axis " + axis + " out of range for rank " + x.rank() + " of " + x
                    + "; expected 0 <= axis < " + x.rank() + " (normalise negative axes first)");
        }
    }

    /** The {@code eps} attribute must be finite and non-negative. */
    void checkEps(Attrs a) {
        double eps = a.get(Keys.EPS);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new AttributeException(name(), "eps is " + eps + "; expected a finite value >= 0");
        }
    }

    // ---- families ------------------------------------------------------------------------------

    /**
     * A composite acting element by element on one input. It states its derivative once,
     * {@code d(x, out)}: the VJP is {@code g * d} and the JVP {@code t * d}, which is cheaper
     * than differentiating the decomposition. Batching leaves the batch axis where it is.
     */
    abstract static class Pointwise extends Composite {
        private final DTypeSet accepted;

        Pointwise(String name, DTypeSet accepted) {
            super(name, 1, 1, List.of());
            this.accepted = accepted;
        }

        @Override
        void validate(List<TensorType> in, Attrs a) { accepted.check(name(), "input", in.get(0).dtype()); }

        @Override
        public boolean isPointwise() { return true; }

        /** The derivative at {@code x}, given the output {@code out}, in x's dtype. */
        abstract <T> T derivative(Ops<T> o, T x, T out);

        @Override
        public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return List.of(o.mul(g, derivative(o, in.get(0), out)));
        }

        @Override
        public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.mul(t.get(0), derivative(o, in.get(0), out));
        }

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            return new Batched<>(o.apply(this, a, in), dims[0]);
        }
    }

    /**
     * A composite of one input reducing or normalising over the axes in {@code axes}: batching
     * moves the batch axis to the front and shifts the axes by one.
     */
    abstract static class OverAxes extends Composite {
        OverAxes(String name, List<Attr<?>> attrs) { super(name, 1, 1, attrs); }

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            return new Batched<>(o.apply(this, a.with(Keys.AXES, Batching.shift(a.get(Keys.AXES), 1)), List.of(x)), 0);
        }
    }

    /** The type integer and bool inputs are averaged in (the default float type, as in JAX). */
    static DType averagingType(DType t) { return t.isFloating() ? t : DType.F32; }
}
