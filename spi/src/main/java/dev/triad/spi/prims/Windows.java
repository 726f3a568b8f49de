package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/**
 * Sliding-window reductions (pooling) over every dimension of the operand, and the
 * select-and-scatter pair that differentiates max pooling. Attributes: {@code window},
 * {@code strides} (>= 1) and {@code pad_low}/{@code pad_high} (>= 0), one entry per dimension.
 */
final class Windows {
    private Windows() {}

    private static final List<Attr<?>> WINDOW_ATTRS = List.of(Keys.WINDOW, Keys.STRIDES, Keys.PAD_LOW, Keys.PAD_HIGH);

    /** The windowed (pooled) shape of {@code s}, with every attribute checked. */
    static Shape windowedShape(String op, TensorType operand, Attrs a) {
        int[] w = a.get(Keys.WINDOW), st = a.get(Keys.STRIDES), lo = a.get(Keys.PAD_LOW), hi = a.get(Keys.PAD_HIGH);
        int r = operand.rank();
        if (w.length != r || st.length != r || lo.length != r || hi.length != r) {
            throw new AttributeException(op, "window/strides/pad_low/pad_high have lengths " + w.length + "/" + st.length + "/" + lo.length + "/"
                    + hi.length + "; expected one entry per dimension of " + operand);
        }
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            if (w[i] < 1 || st[i] < 1 || lo[i] < 0 || hi[i] < 0) {
                throw new AttributeException(op, "dimension " + i + ": window " + w[i] + ", stride " + st[i] + ", padding (" + lo[i] + ", " + hi[i]
                        + ") invalid; expected window >= 1, stride >= 1, padding >= 0");
            }
            long padded = operand.shape().dim(i) + lo[i] + hi[i];
            if (padded < w[i]) {
                throw new ShapeException(op, "dimension " + i + " of " + operand + " padded to " + padded + " is smaller than the window " + w[i]
                        + "; expected the window to fit");
            }
            out[i] = (padded - w[i]) / st[i] + 1;
        }
        return Shape.of(out);
    }

    /** Window attributes with a leading batch dimension (window 1, stride 1, no padding). */
    static Attrs batchedAttrs(Attrs a) {
        return a.toBuilder().put(Keys.WINDOW, prepend(a.get(Keys.WINDOW), 1)).put(Keys.STRIDES, prepend(a.get(Keys.STRIDES), 1))
                .put(Keys.PAD_LOW, prepend(a.get(Keys.PAD_LOW), 0)).put(Keys.PAD_HIGH, prepend(a.get(Keys.PAD_HIGH), 0)).build();
    }

    private static int[] prepend(int[] v, int first) {
        int[] out = new int[v.length + 1];
        out[0] = first;
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    /** Base of the single-input window reductions. */
    abstract static class WindowReduction extends Primitive {
        WindowReduction(String name) { super(name, 1, 1, Category.WINDOW, Derivative.DIFFERENTIABLE, WINDOW_ATTRS); }

        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            DTypeSet.NUMERIC.check(name(), "operand", in.get(0).dtype());
            return in.get(0).withShape(windowedShape(name(), in.get(0), a));
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            T x = Batching.toFront(o, in.get(0), dims[0]);
            return new Batched<>(o.apply(this, batchedAttrs(a), List.of(x)), 0);
        }
    }

    static final Primitive REDUCE_WINDOW_MAX = new WindowReduction("reduce_window_max") {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return List.of(o.apply(SELECT_AND_SCATTER_ADD, a, List.of(g, in.get(0))));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(SELECT_AND_GATHER, a, List.of(t.get(0), in.get(0)));
        }
    };

    /**
     * Sum pooling. Its transpose spreads each cotangent over its window: dilate the cotangent
     * by the stride, pad by window - 1, sum windows of stride 1, and cut the padding off.
     */
    static final Primitive REDUCE_WINDOW_SUM = new WindowReduction("reduce_window_sum") {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            int[] w = a.get(Keys.WINDOW), st = a.get(Keys.STRIDES), lo = a.get(Keys.PAD_LOW), hi = a.get(Keys.PAD_HIGH);
            Shape s = o.shape(in.get(0)), gs = o.shape(g);
            int r = s.rank();
            long[] low = new long[r], high = new long[r], interior = new long[r], start = new long[r], stop = new long[r], step = new long[r];
            int[] ones = new int[r], zeros = new int[r];
            for (int i = 0; i < r; i++) {
                low[i] = w[i] - 1;
                high[i] = s.dim(i) + lo[i] + hi[i] - Contraction.dilate(gs.dim(i), st[i]);
                interior[i] = st[i] - 1;
                ones[i] = 1;
                start[i] = lo[i];
                stop[i] = lo[i] + s.dim(i);
                step[i] = 1;
            }
            T spread = o.reduceWindowSum(o.pad(g, low, high, interior, 0.0), w, ones, zeros, zeros);
            return List.of(o.slice(spread, start, stop, step));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(this, a, List.of(t.get(0)));
        }
    };

    /** Base of the select pair: input 0 is linear, input 1 (the operand) only selects positions. */
    abstract static class Select extends Primitive {
        Select(String name) { super(name, 2, 2, Category.WINDOW, Derivative.DIFFERENTIABLE, WINDOW_ATTRS); }

        @Override public boolean isDifferentiableInput(int index) { return index == 0; }

        void checkDTypes(TensorType linear, TensorType operand) {
            DTypeSet.NUMERIC.check(name(), "operand", operand.dtype());
            if (linear.dtype() != operand.dtype()) {
                throw new DTypeException(name(), "inputs have dtypes " + linear + " and " + operand + "; expected one dtype");
            }
        }

        /** The transpose of this op in its linear input. */
        abstract Primitive transpose();

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return Arrays.asList(o.apply(transpose(), a, List.of(g, in.get(1))), null);
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.apply(this, a, List.of(t.get(0), in.get(1)));
        }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            List<T> f = Indexing.allBatchedFront(o, in, dims);
            return new Batched<>(o.apply(this, batchedAttrs(a), f), 0);
        }
    }

    static final Primitive SELECT_AND_SCATTER_ADD = new Select("select_and_scatter_add") {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            TensorType source = in.get(0), operand = in.get(1);
            checkDTypes(source, operand);
            Shape windowed = windowedShape(name(), operand, a);
            if (!source.shape().equals(windowed)) {
                throw new ShapeException(name(), "source " + source + " does not match the windowed shape " + windowed + " of operand " + operand);
            }
            return operand;
        }
        @Override Primitive transpose() { return SELECT_AND_GATHER; }
    };

    static final Primitive SELECT_AND_GATHER = new Select("select_and_gather") {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            TensorType tangent = in.get(0), operand = in.get(1);
            checkDTypes(tangent, operand);
            if (!tangent.shape().equals(operand.shape())) {
                throw new ShapeException(name(), "tangent " + tangent + " does not match operand " + operand + "; expected the operand's shape");
            }
            return operand.withShape(windowedShape(name(), operand, a));
        }
        @Override Primitive transpose() { return SELECT_AND_SCATTER_ADD; }
    };
}
