package dev.triad.conformance.reference;

import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/**
 * Take-along-axis gather and its transpose scatter_add. An index outside {@code [0, dim)}
 * raises {@link IndexOutOfRangeException} naming the op, as every backend must.
 */
final class RefIndexing {
    private RefIndexing() {}

    /** For each element of {@code indices}, the flat position in {@code operand} it addresses along {@code axis}. */
    private static int[] positions(String op, Shape operand, RefArray indices, int axis) {
        int[] str = Index.strides(operand);
        int n = indices.size();
        int[] pos = new int[n];
        int[] idx = new int[indices.rank()];
        long dim = operand.dim(axis);
        for (int f = 0; f < n; f++) {
            Index.unravel(f, indices.shape(), idx);
            long k = indices.getLong(f);
            if (k < 0 || k >= dim) {
                throw new IndexOutOfRangeException(op, "index " + k + " at position " + java.util.Arrays.toString(idx)
                        + " is out of range for axis " + axis + " of size " + dim + " of " + operand + "; expected 0 <= index < " + dim);
            }
            int p = 0;
            for (int i = 0; i < idx.length; i++) p += (i == axis ? (int) k : idx[i]) * str[i];
            pos[f] = p;
        }
        return pos;
    }

    static RefArray gather(RefArray x, RefArray indices, int axis, TensorType out) {
        return RefMovement.select(x, out, positions("gather", x.shape(), indices, axis), 0);
    }

    static RefArray scatterAdd(RefArray x, RefArray indices, RefArray updates, int axis, TensorType out) {
        int[] pos = positions("scatter_add", x.shape(), indices, axis);
        if (x.isIntegral()) {
            long[] r = x.toLongs();
            for (int f = 0; f < pos.length; f++) r[pos[f]] += updates.getLong(f);
            for (int i = 0; i < r.length; i++) r[i] = RefArray.wrap(out.dtype(), r[i]);
            return RefArray.adoptLongs(out.dtype(), out.shape(), r);
        }
        double[] r = x.toDoubles();
        for (int f = 0; f < pos.length; f++) r[pos[f]] += updates.get(f);
        for (int i = 0; i < r.length; i++) r[i] = Elements.roundTo(out.dtype(), r[i]);
        return RefArray.adoptFloats(out.dtype(), out.shape(), r);
    }
}
