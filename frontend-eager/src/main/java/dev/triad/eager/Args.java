package dev.triad.eager;

import dev.triad.spi.backend.Views;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;

import java.util.List;

/**
 * PyTorch's argument conventions turned into the spi's: negative dims, {@code -1} in reshape
 * and expand, squeeze/unsqueeze, and matmul's handling of vectors. Only arguments are
 * normalised here; shapes are still checked by the primitives' own rules.
 */
final class Args {
    private Args() {}

    /** {@code d} with negative values counted from the end, checked against {@code rank}. */
    static int dim(int d, int rank, String op) {
        int lo = rank == 0 ? -1 : -rank, hi = rank == 0 ? 0 : rank - 1;
        if (d < lo || d > hi) {
            throw new IndexOutOfRangeException(op, "dimension out of range (expected to be in range of [" + lo + ", " + hi + "], but got " + d + ")");
        }
        return d < 0 ? d + Math.max(rank, 1) : d;
    }

    /** Each of {@code dims} normalised; repeated dims are an error. */
    static int[] dims(int[] dims, int rank, String op) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dim(dims[i], rank, op);
            for (int j = 0; j < i; j++) {
                if (out[j] == out[i]) throw new IndexOutOfRangeException(op, "dim " + out[i] + " appears multiple times in the list of dims");
            }
        }
        return out;
    }

    /** Every dim of a rank. */
    static int[] all(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) a[i] = i;
        return a;
    }

    /** The shape {@code spec} asks for, with one {@code -1} inferred from the element count. */
    static Shape reshape(Shape from, long[] spec) {
        long known = 1;
        int infer = -1;
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == -1) {
                if (infer >= 0) throw new ShapeException("reshape", "only one dimension can be inferred (-1), got " + show(spec));
                infer = i;
            } else if (spec[i] < 0) {
                throw new ShapeException("reshape", "invalid shape dimension " + spec[i] + " in " + show(spec));
            } else {
                known *= spec[i];
            }
        }
        long[] out = spec.clone();
        if (infer >= 0) {
            long n = from.numel();
            if (known == 0 || n % known != 0) {
                throw new ShapeException("reshape", "shape " + show(spec) + " is invalid for input of size " + n + " (shape " + show(from) + ")");
            }
            out[infer] = n / known;
        }
        return Shape.of(out);
    }

    /** A reshape that must not copy: PyTorch's {@code view}. */
    static Tensor view(Tensor t, Shape shape) {
        Attrs a = Attrs.of(Keys.SHAPE, shape);
        if (Views.layoutOf(t.type(), t.data.offset(), t.data.strides(), Prims.RESHAPE, a) == null) {
            throw new ShapeException("view", "view size " + show(shape) + " is not compatible with input tensor's size " + show(t.shape())
                    + " and strides " + show(t.data.strides()) + " (at least one dimension spans across two contiguous subspaces). "
                    + "Use reshape(...) instead");
        }
        return t.ops.apply(Prims.RESHAPE, a, List.of(t));
    }

    /** The shape with dims {@code start..end} merged. */
    static long[] flatten(Shape s, int start, int end) {
        int r = s.rank();
        if (r == 0) return new long[] {1};
        int a = dim(start, r, "flatten"), b = dim(end, r, "flatten");
        if (a > b) throw new IndexOutOfRangeException("flatten", "start_dim " + start + " comes after end_dim " + end);
        long[] out = new long[r - (b - a)];
        int j = 0;
        for (int i = 0; i < a; i++) out[j++] = s.dim(i);
        long merged = 1;
        for (int i = a; i <= b; i++) merged *= s.dim(i);
        out[j++] = merged;
        for (int i = b + 1; i < r; i++) out[j++] = s.dim(i);
        return out;
    }

    /** The shape without its size-1 dims. */
    static long[] squeezeAll(Shape s) {
        int n = 0;
        for (int i = 0; i < s.rank(); i++) if (s.dim(i) != 1) n++;
        long[] out = new long[n];
        int j = 0;
        for (int i = 0; i < s.rank(); i++) if (s.dim(i) != 1) out[j++] = s.dim(i);
        return out;
    }

    /** The shape without dim {@code d} when it has size 1 (unchanged otherwise, as PyTorch does). */
    static long[] squeeze(Shape s, int d) {
        if (s.rank() == 0) return new long[0];
        int a = dim(d, s.rank(), "squeeze");
        return s.dim(a) == 1 ? s.without(a).toArray() : s.toArray();
    }

    /** A permutation with negative entries normalised. */
    static int[] perm(int[] dims, int rank) {
        if (dims.length != rank) {
            throw new ShapeException("permute", "number of dims in the permutation (" + dims.length + ") doesn't match the tensor's rank (" + rank + ")");
        }
        return dims(dims, rank, "permute");
    }

    /** The permutation that swaps {@code d0} and {@code d1}. */
    static int[] swap(int rank, int d0, int d1) {
        int[] p = all(rank);
        int a = dim(d0, rank, "transpose"), b = dim(d1, rank, "transpose");
        p[a] = b;
        p[b] = a;
        return p;
    }

    /** The permutation that moves {@code source} to {@code destination}. */
    static int[] moveDim(int rank, int source, int destination) {
        int s = dim(source, rank, "movedim"), d = dim(destination, rank, "movedim");
        int[] p = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (j == d) p[j++] = s;
            if (i != s) p[j++] = i;
        }
        if (j == d) p[j] = s;
        return p;
    }

    /** The expanded shape; {@code -1} keeps the existing size, new dims go in front. */
    static Shape expand(Shape from, long[] spec) {
        if (spec.length < from.rank()) {
            throw new ShapeException("expand", "the number of sizes provided (" + spec.length + ") must be greater or equal to the number of "
                    + "dimensions in the tensor (" + from.rank() + ")");
        }
        long[] out = spec.clone();
        int offset = spec.length - from.rank();
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == -1) {
                if (i < offset) throw new ShapeException("expand", "the expanded size -1 is not allowed in a leading, non-existing dimension " + i);
                out[i] = from.dim(i - offset);
            }
        }
        return Shape.of(out);
    }

    /** PyTorch's matmul: 1-d operands become matrices and the added dim is removed again. */
    static Tensor matmul(EagerOps ops, Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new ShapeException("matmul", "both arguments need at least 1 dimension, got " + a.type() + " and " + b.type());
        }
        boolean vecA = a.dim() == 1, vecB = b.dim() == 1;
        Tensor x = vecA ? a.unsqueeze(0) : a;
        Tensor y = vecB ? b.unsqueeze(1) : b;
        Tensor r = ops.matmul(x, y);
        if (vecA) r = r.squeeze(-2);
        if (vecB) r = r.squeeze(-1);
        return r;
    }

    /** A 2-d matrix product; other ranks are an error, as in PyTorch's {@code mm}. */
    static Tensor mm(EagerOps ops, Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2) {
            throw new ShapeException("mm", "expected two matrices, got " + a.type() + " and " + b.type() + "; use matmul for other ranks");
        }
        return ops.matmul(a, b);
    }

    /** A shape as PyTorch prints it: {@code [32, 3136]}. */
    static String show(Shape s) { return show(s.toArray()); }

    /** Sizes as {@code [32, 3136]}. */
    static String show(long[] d) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < d.length; i++) {
            if (i > 0) b.append(", ");
            b.append(d[i]);
        }
        return b.append(']').toString();
    }
}
