package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Batching ({@code vmap}): each tracer carries a value of the level below with one extra axis,
 * the batch axis, and each primitive runs once on the whole batch through its own batching
 * rule. A tracer's logical type is its value's type without the batch axis, which is what the
 * function sees.
 */
final class BatchTrace extends Trace {
    /** A tracer's data: the batched value (of the level below) and where its batch axis is. */
    record Slab(Array value, int batchDim) {}

    private final long axisSize;

    BatchTrace(int level, long axisSize) {
        super(level, "vmap");
        this.axisSize = axisSize;
    }

    /** The size of the mapped axis. */
    long axisSize() { return axisSize; }

    /** A tracer for {@code value}, batched along {@code dim}. */
    Array tracer(Array value, int dim) {
        TensorType t = value.type();
        return new Array(this, t.withShape(t.shape().without(dim)), new Slab(value, dim));
    }

    /** The value of {@code x} at the level below. */
    Array value(Array x) { return owns(x) ? ((Slab) x.payload()).value() : x; }

    /** The batch axis of {@code x}, or {@link Batched#NOT_BATCHED}. */
    int batchDim(Array x) { return owns(x) ? ((Slab) x.payload()).batchDim() : Batched.NOT_BATCHED; }

    @Override
    Array process(Primitive p, Attrs attrs, List<Array> inputs) {
        int n = inputs.size();
        List<Array> values = new ArrayList<>(n);
        List<TensorType> logical = new ArrayList<>(n);
        int[] dims = new int[n];
        boolean batched = false;
        for (int i = 0; i < n; i++) {
            Array x = inputs.get(i);
            values.add(value(x));
            dims[i] = batchDim(x);
            logical.add(x.type());
            batched |= dims[i] != Batched.NOT_BATCHED;
        }
        if (!batched) return Core.bind(p, attrs, values);
        // Check the call as the user wrote it, so an error names their shapes, not the batched ones.
        p.inferType(logical, attrs);
        Batched<Array> r = p.batch(ArrayOps.OPS, values, dims, attrs);
        if (r.batchDim() == Batched.NOT_BATCHED) return r.value();
        return tracer(r.value(), r.batchDim());
    }

    /**
     * The value of {@code x} at the level below with the batch axis at {@code axis}; an
     * unbatched value is broadcast along a new axis there.
     */
    Array materialize(Array x, int axis) {
        if (owns(x)) return ArrayOps.OPS.moveAxis(value(x), batchDim(x), axis);
        Array front = ArrayOps.OPS.expandDims(x, axis);
        return ArrayOps.OPS.broadcastTo(front, x.shape().insert(axis, axisSize));
    }

    @Override
    Array stopGradient(Array x) { return tracer(Core.stopGradient(value(x)), batchDim(x)); }
}
