package dev.triad.spi.ops;

import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;

/** Building blocks shared by batching rules. */
public final class Batching {
    private Batching() {}

    /** {@code x} with its batch axis moved to the front (unchanged when not batched). */
    public static <T> T toFront(Ops<T> ops, T x, int batchDim) {
        return batchDim == Batched.NOT_BATCHED ? x : ops.moveAxis(x, batchDim, 0);
    }

    /** The batch size: the size of the first batched input's batch axis. */
    public static <T> long batchSize(Ops<T> ops, List<T> inputs, int[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != Batched.NOT_BATCHED) return ops.shape(inputs.get(i)).dim(dims[i]);
        }
        throw new IllegalArgumentException("no input is batched");
    }

    /**
     * Rule for broadcasting elementwise ops: batched inputs get the batch axis in front and
     * size-1 axes after it so that NumPy's right-aligned broadcasting lines the logical
     * dimensions up; unbatched inputs broadcast over the batch by themselves.
     */
    public static <T> Batched<T> elementwise(Ops<T> ops, Primitive p, List<T> inputs, int[] dims, Attrs attrs) {
        int logicalRank = 0;
        for (int i = 0; i < inputs.size(); i++) {
            int r = ops.rank(inputs.get(i)) - (dims[i] == Batched.NOT_BATCHED ? 0 : 1);
            logicalRank = Math.max(logicalRank, r);
        }
        List<T> aligned = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            T x = inputs.get(i);
            if (dims[i] == Batched.NOT_BATCHED) {
                aligned.add(x);
                continue;
            }
            T front = toFront(ops, x, dims[i]);
            Shape s = ops.shape(front);
            int missing = logicalRank - (s.rank() - 1);
            Shape padded = s;
            for (int k = 0; k < missing; k++) padded = padded.insert(1, 1);
            aligned.add(ops.reshape(front, padded));
        }
        return new Batched<>(ops.apply(p, attrs, aligned), 0);
    }

    /** Rule for ops that act on one input whose axes attributes shift by one after a leading batch axis. */
    public static <T> T frontSingle(Ops<T> ops, List<T> inputs, int[] dims) {
        return toFront(ops, inputs.get(0), dims[0]);
    }

    /** Shifts every axis in {@code axes} by {@code by}. */
    public static int[] shift(int[] axes, int by) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axes[i] + by;
        return out;
    }

    /**
     * The generic fallback: applies {@code p} to each batch element and stacks the results
     * along a new leading axis. Correct for every op; rules use it for the cases a direct
     * rule does not cover (declared in the rule's Javadoc).
     */
    public static <T> Batched<T> loop(Ops<T> ops, Primitive p, List<T> inputs, int[] dims, Attrs attrs) {
        long n = batchSize(ops, inputs, dims);
        List<T> results = new ArrayList<>((int) n);
        for (long b = 0; b < n; b++) {
            List<T> args = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                T x = inputs.get(i);
                if (dims[i] == Batched.NOT_BATCHED) {
                    args.add(x);
                } else {
                    args.add(ops.squeeze(ops.sliceAxis(x, dims[i], b, b + 1), dims[i]));
                }
            }
            results.add(ops.apply(p, attrs, args));
        }
        return new Batched<>(ops.stack(0, results), 0);
    }
}
