package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Data movement: reshape, permute, broadcast_to, slice, pad, concat, flip. All are linear. */
final class Movement {
    private Movement() {}

    /** Size of {@code n} elements with {@code gap - 1} inserted between each pair. */
    static long dilate(long n, long gap) { return n == 0 ? 0 : (n - 1) * gap + 1; }

    /** Base of the single-input movement ops: the batching rule puts the batch axis in front. */
    abstract static class SingleInput extends Primitive {
        SingleInput(String name, List<dev.triad.spi.ops.Attr<?>> attrs) {
            super(name, 1, 1, Primitive.Category.MOVEMENT, Primitive.Derivative.DIFFERENTIABLE, attrs);
        }

        /** These attributes adjusted for a leading batch axis of size {@code batch}. */
        abstract Attrs batched(Attrs a, long batch, Shape frontShape);

        @Override
        public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            return new Batched<>(o.apply(this, batched(a, o.shape(x).dim(0), o.shape(x)), List.of(x)), 0);
        }

        /** Movement ops are linear: the JVP applies the op to the tangent. */
        @Override
        public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(this, a, List.of(t.get(0)));
        }
    }

    static long[] prepend(long[] a, long v) {
        long[] out = new long[a.length + 1];
        out[0] = v;
        System.arraycopy(a, 0, out, 1, a.length);
        return out;
    }

    static final Primitive RESHAPE = new SingleInput("reshape", List.of(Keys.SHAPE)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            Shape target = a.get(Keys.SHAPE);
            Shape s = in.get(0).shape();
            if (s.numel() != target.numel()) {
                throw new ShapeException(name(), "cannot reshape " + in.get(0) + " (" + s.numel() + " elements) to "
                        + target + " (" + target.numel() + " elements); expected the same number of elements");
            }
            return in.get(0).withShape(target);
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) { return a.with(Keys.SHAPE, a.get(Keys.SHAPE).insert(0, batch)); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.reshape(g, o.shape(in.get(0)))); }
    };

    static final Primitive PERMUTE = new SingleInput("permute", List.of(Keys.PERM)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            int[] perm = a.get(Keys.PERM);
            Shape s = in.get(0).shape();
            boolean[] seen = new boolean[s.rank()];
            boolean ok = perm.length == s.rank();
            for (int p : perm) {
                if (!ok || p < 0 || p >= s.rank() || seen[p]) { ok = false; break; }
                seen[p] = true;
            }
            if (!ok) {
                throw new AttributeException(name(), "perm " + Arrays.toString(perm) + " is not a permutation of the "
                        + s.rank() + " axes of " + in.get(0));
            }
            long[] d = new long[perm.length];
            for (int i = 0; i < perm.length; i++) d[i] = s.dim(perm[i]);
            return in.get(0).withShape(Shape.of(d));
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) {
            int[] perm = a.get(Keys.PERM);
            int[] p = new int[perm.length + 1];
            for (int i = 0; i < perm.length; i++) p[i + 1] = perm[i] + 1;
            return a.with(Keys.PERM, p);
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            int[] perm = a.get(Keys.PERM);
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
            return List.of(o.permute(g, inverse));
        }
    };

    static final Primitive BROADCAST_TO = new SingleInput("broadcast_to", List.of(Keys.SHAPE)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            Shape target = a.get(Keys.SHAPE);
            if (!Broadcasting.broadcastsTo(in.get(0).shape(), target)) {
                throw new ShapeException(name(), "cannot broadcast " + in.get(0) + " to " + target
                        + "; expected each dimension (aligned on the right) to equal the target's or be 1");
            }
            return in.get(0).withShape(target);
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) { return a.with(Keys.SHAPE, a.get(Keys.SHAPE).insert(0, batch)); }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            Shape s = o.shape(x);
            Shape target = a.get(Keys.SHAPE);
            Shape aligned = s;
            for (int k = s.rank() - 1; k < target.rank(); k++) aligned = aligned.insert(1, 1);
            return new Batched<>(o.broadcastTo(o.reshape(x, aligned), target.insert(0, s.dim(0))), 0);
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.sumToShape(g, o.shape(in.get(0)))); }
    };

    static final Primitive SLICE = new SingleInput("slice", List.of(Keys.START, Keys.STOP, Keys.STEP)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            long[] start = a.get(Keys.START), stop = a.get(Keys.STOP), step = a.get(Keys.STEP);
            Shape s = in.get(0).shape();
            if (start.length != s.rank() || stop.length != s.rank() || step.length != s.rank()) {
                throw new AttributeException(name(), "start/stop/step have lengths " + start.length + "/" + stop.length + "/"
                        + step.length + "; expected one entry per dimension of " + in.get(0));
            }
            long[] out = new long[s.rank()];
            for (int i = 0; i < s.rank(); i++) {
                if (start[i] < 0 || start[i] > stop[i] || stop[i] > s.dim(i) || step[i] < 1) {
                    throw new AttributeException(name(), "dimension " + i + " of " + in.get(0) + ": slice [" + start[i] + ":"
                            + stop[i] + ":" + step[i] + "] is invalid; expected 0 <= start <= stop <= " + s.dim(i) + " and step >= 1");
                }
                out[i] = (stop[i] - start[i] + step[i] - 1) / step[i];
            }
            return in.get(0).withShape(Shape.of(out));
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) {
            return a.toBuilder().put(Keys.START, prepend(a.get(Keys.START), 0)).put(Keys.STOP, prepend(a.get(Keys.STOP), batch))
                    .put(Keys.STEP, prepend(a.get(Keys.STEP), 1)).build();
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            long[] start = a.get(Keys.START), step = a.get(Keys.STEP);
            Shape s = o.shape(in.get(0)), os = o.shape(g);
            long[] low = new long[s.rank()], high = new long[s.rank()], interior = new long[s.rank()];
            for (int i = 0; i < s.rank(); i++) {
                low[i] = start[i];
                interior[i] = step[i] - 1;
                high[i] = s.dim(i) - start[i] - dilate(os.dim(i), step[i]);
            }
            return List.of(o.pad(g, low, high, interior, 0.0));
        }
    };

    static final Primitive PAD = new SingleInput("pad", List.of(Keys.LOW, Keys.HIGH, Keys.INTERIOR, Keys.VALUE)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            long[] low = a.get(Keys.LOW), high = a.get(Keys.HIGH), interior = a.get(Keys.INTERIOR);
            Shape s = in.get(0).shape();
            if (low.length != s.rank() || high.length != s.rank() || interior.length != s.rank()) {
                throw new AttributeException(name(), "low/high/interior have lengths " + low.length + "/" + high.length + "/"
                        + interior.length + "; expected one entry per dimension of " + in.get(0));
            }
            long[] out = new long[s.rank()];
            for (int i = 0; i < s.rank(); i++) {
                if (interior[i] < 0) throw new AttributeException(name(), "interior padding " + interior[i] + " of dimension " + i + " is negative; expected >= 0");
                out[i] = low[i] + high[i] + dilate(s.dim(i), interior[i] + 1);
                if (out[i] < 0) {
                    throw new ShapeException(name(), "padding (" + low[i] + ", " + high[i] + ") crops dimension " + i + " of "
                            + in.get(0) + " below zero; expected the result size to be >= 0");
                }
            }
            return in.get(0).withShape(Shape.of(out));
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) {
            return a.toBuilder().put(Keys.LOW, prepend(a.get(Keys.LOW), 0)).put(Keys.HIGH, prepend(a.get(Keys.HIGH), 0))
                    .put(Keys.INTERIOR, prepend(a.get(Keys.INTERIOR), 0)).build();
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            long[] low = a.get(Keys.LOW), high = a.get(Keys.HIGH), interior = a.get(Keys.INTERIOR);
            Shape s = o.shape(in.get(0));
            int r = s.rank();
            long[] nl = new long[r], nh = new long[r], zero = new long[r], start = new long[r], stop = new long[r], step = new long[r];
            for (int i = 0; i < r; i++) {
                nl[i] = -low[i];
                nh[i] = -high[i];
                stop[i] = dilate(s.dim(i), interior[i] + 1);
                step[i] = interior[i] + 1;
            }
            T core = o.pad(g, nl, nh, zero, 0.0);
            return List.of(o.slice(core, start, stop, step));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(this, a.with(Keys.VALUE, 0.0), List.of(t.get(0)));
        }
    };

    static final Primitive CONCAT = new Primitive("concat", 1, Integer.MAX_VALUE, Primitive.Category.MOVEMENT, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.AXIS)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            int axis = a.get(Keys.AXIS);
            TensorType first = in.get(0);
            if (axis < 0 || axis >= first.rank()) {
                throw new AttributeException(name(), "axis " + axis + " is out of range for rank " + first.rank() + " of " + first);
            }
            long total = 0;
            for (TensorType t : in) {
                if (t.dtype() != first.dtype()) throw new DTypeException(name(), "inputs have dtypes " + first + " and " + t + "; expected one dtype");
                boolean ok = t.rank() == first.rank();
                for (int i = 0; ok && i < t.rank(); i++) ok = i == axis || t.shape().dim(i) == first.shape().dim(i);
                if (!ok) {
                    throw new ShapeException(name(), "cannot concatenate " + first + " and " + t + " along axis " + axis
                            + "; expected equal ranks and equal sizes except along the axis");
                }
                total += t.shape().dim(axis);
            }
            return first.withShape(first.shape().withDim(axis, total));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            int axis = a.get(Keys.AXIS);
            List<T> grads = new ArrayList<>(in.size());
            long offset = 0;
            for (T x : in) {
                long n = o.shape(x).dim(axis);
                grads.add(o.sliceAxis(g, axis, offset, offset + n));
                offset += n;
            }
            return grads;
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) { return o.apply(this, a, t); }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            long b = Batching.batchSize(o, in, dims);
            List<T> front = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                T x = in.get(i);
                front.add(dims[i] == Batched.NOT_BATCHED ? o.broadcastTo(o.expandDims(x, 0), o.shape(x).insert(0, b)) : Batching.toFront(o, x, dims[i]));
            }
            return new Batched<>(o.apply(this, a.with(Keys.AXIS, a.get(Keys.AXIS) + 1), front), 0);
        }
    };

    static final Primitive FLIP = new SingleInput("flip", List.of(Keys.AXES)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            Reductions.checkAxes(name(), a.get(Keys.AXES), in.get(0).rank());
            return in.get(0);
        }
        @Override Attrs batched(Attrs a, long batch, Shape front) { return a.with(Keys.AXES, Batching.shift(a.get(Keys.AXES), 1)); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.apply(this, a, List.of(g))); }
    };
}
