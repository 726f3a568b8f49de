package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * gather (take-along-axis) and scatter_add along an axis; each is the other's transpose, so
 * their derivative rules are each other.
 */
final class Indexing {
    private Indexing() {}

    /** Checks that {@code indices} can index {@code operand} along {@code axis}. */
    static void checkIndices(String op, TensorType operand, TensorType indices, int axis) {
        DTypeSet.INDEX.check(op, "indices", indices.dtype());
        if (axis < 0 || axis >= operand.rank()) {
            throw new AttributeException(op, "axis " + axis + " is out of range for operand " + operand);
        }
        boolean ok = indices.rank() == operand.rank();
        for (int d = 0; ok && d < operand.rank(); d++) ok = d == axis || indices.shape().dim(d) == operand.shape().dim(d);
        if (!ok) {
            throw new ShapeException(op, "indices " + indices + " do not fit operand " + operand + " along axis " + axis
                    + "; expected the operand's rank and sizes in every dimension except the axis");
        }
    }

    /** Every input moved to a leading batch axis; unbatched ones are broadcast along it. */
    static <T> List<T> allBatchedFront(Ops<T> o, List<T> in, int[] dims) {
        long b = Batching.batchSize(o, in, dims);
        List<T> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            T x = in.get(i);
            out.add(dims[i] == Batched.NOT_BATCHED ? o.broadcastTo(o.expandDims(x, 0), o.shape(x).insert(0, b)) : Batching.toFront(o, x, dims[i]));
        }
        return out;
    }

    static final Primitive GATHER = new Primitive("gather", 2, 2, Primitive.Category.INDEXING, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.AXIS)) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }

        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            checkIndices(name(), in.get(0), in.get(1), a.get(Keys.AXIS));
            return in.get(1).withDType(in.get(0).dtype());
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0);
            return Arrays.asList(o.scatterAdd(o.zerosLike(x), in.get(1), g, a.get(Keys.AXIS)), null);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.gather(t.get(0), in.get(1), a.get(Keys.AXIS));
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            List<T> f = allBatchedFront(o, in, dims);
            return new Batched<>(o.gather(f.get(0), f.get(1), a.get(Keys.AXIS) + 1), 0);
        }
    };

    static final Primitive SCATTER_ADD = new Primitive("scatter_add", 3, 3, Primitive.Category.INDEXING, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.AXIS)) {
        @Override public boolean isDifferentiableInput(int index) { return index != 1; }

        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            TensorType operand = in.get(0), indices = in.get(1), updates = in.get(2);
            DTypeSet.NUMERIC.check(name(), "operand", operand.dtype());
            checkIndices(name(), operand, indices, a.get(Keys.AXIS));
            if (updates.dtype() != operand.dtype()) {
                throw new DTypeException(name(), "updates have dtype " + updates + " but the operand is " + operand + "; expected one dtype");
            }
            if (!updates.shape().equals(indices.shape())) {
                throw new ShapeException(name(), "updates " + updates + " do not match indices " + indices + "; expected the indices' shape");
            }
            return operand;
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return Arrays.asList(g, null, o.gather(g, in.get(1), a.get(Keys.AXIS)));
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.scatterAdd(t.get(0), in.get(1), t.get(2), a.get(Keys.AXIS));
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            List<T> f = allBatchedFront(o, in, dims);
            return new Batched<>(o.scatterAdd(f.get(0), f.get(1), f.get(2), a.get(Keys.AXIS) + 1), 0);
        }
    };

}
