package dev.triad.eager;

import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.List;

/**
 * Indexing helpers: Python-style slices, select, narrow, NumPy-style index lists (all views,
 * built from the slice, flip and reshape view ops), and integer-array indexing through gather.
 */
final class TensorIndexing {
    private TensorIndexing() {}

    /** {@code x[start:end:step]} along {@code dim} with Python's clamping; a negative step flips. */
    static Tensor slice(Tensor x, int dim, long start, long end, long step) {
        int d = Args.dim(dim, x.dim(), "slice");
        long n = x.shape().dim(d);
        if (step == 0) throw new TriadException("slice", "slice step cannot be zero");
        if (step > 0) {
            long a = clampForward(start, n), b = clampForward(end, n);
            return slicePositive(x, d, a, Math.max(a, b), step);
        }
        long a = clampBackward(start, n), b = clampBackward(end, n);
        // In flipped coordinates element i sits at n-1-i, and the walk goes forward.
        long fa = n - 1 - a, fb = n - 1 - b;
        Tensor flipped = x.flip(d);
        return slicePositive(flipped, d, fa, Math.max(fa, fb), -step);
    }

    private static Tensor slicePositive(Tensor x, int d, long start, long stop, long step) {
        long[] lo = new long[x.dim()], hi = x.shape().toArray(), st = new long[x.dim()];
        java.util.Arrays.fill(st, 1);
        lo[d] = start;
        hi[d] = stop;
        st[d] = step;
        return x.ops.slice(x, lo, hi, st);
    }

    private static long clampForward(long i, long n) {
        if (i == Long.MAX_VALUE) return n;
        if (i < 0) i += n;
        return Math.max(0, Math.min(i, n));
    }

    private static long clampBackward(long i, long n) {
        if (i == Long.MAX_VALUE) return n - 1;
        if (i == Long.MIN_VALUE) return -1;
        if (i < 0) i += n;
        return Math.max(-1, Math.min(i, n - 1));
    }

    /** {@code length} elements of {@code dim} starting at {@code start} (negative counts from the end). */
    static Tensor narrow(Tensor x, int dim, long start, long length) {
        int d = Args.dim(dim, x.dim(), "narrow");
        long n = x.shape().dim(d);
        long s = start < 0 ? start + n : start;
        if (s < 0 || length < 0 || s + length > n) {
            throw new IndexOutOfRangeException("narrow", "start (" + start + ") + length (" + length + ") exceeds dimension size (" + n
                    + ") of dim " + d + " of " + x.type());
        }
        return slicePositive(x, d, s, s + length, 1);
    }

    /** Element {@code index} of {@code dim}, with the dim removed. */
    static Tensor select(Tensor x, int dim, long index) {
        int d = Args.dim(dim, x.dim(), "select");
        long n = x.shape().dim(d);
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfRangeException("select", "index " + index + " is out of bounds for dimension " + d + " with size " + n);
        }
        Tensor s = slicePositive(x, d, i, i + 1, 1);
        return s.reshape(x.shape().without(d).toArray());
    }

    /** {@code x[i0, i1, ...]} over the leading dims. */
    static Tensor get(Tensor x, long... idx) {
        if (idx.length > x.dim()) {
            throw new IndexOutOfRangeException("index", "too many indices for tensor of dimension " + x.dim() + " (got " + idx.length + ")");
        }
        Tensor r = x;
        for (long i : idx) r = select(r, 0, i);
        return idx.length == 0 ? x.reshape(x.shape().toArray()) : r;
    }

    /** NumPy basic indexing: integers, slices, new axes and one ellipsis. */
    static Tensor index(Tensor x, Idx... idx) {
        int consuming = 0, ellipses = 0;
        for (Idx i : idx) {
            if (i instanceof Idx.At || i instanceof Idx.Slice) consuming++;
            if (i instanceof Idx.Ellipsis) ellipses++;
        }
        if (ellipses > 1) throw new IndexOutOfRangeException("index", "an index can only have a single ellipsis ('...')");
        if (consuming > x.dim()) {
            throw new IndexOutOfRangeException("index", "too many indices for tensor of dimension " + x.dim() + " (got " + consuming + ")");
        }
        List<Idx> full = new ArrayList<>();
        for (Idx i : idx) {
            if (i instanceof Idx.Ellipsis) for (int k = 0; k < x.dim() - consuming; k++) full.add(Idx.all());
            else full.add(i);
        }
        Tensor r = x;
        int d = 0;
        for (Idx i : full) {
            switch (i) {
                case Idx.At a -> r = select(r, d, a.index());
                case Idx.Slice s -> {
                    long start = s.start() != null ? s.start() : s.step() > 0 ? 0 : Long.MAX_VALUE;
                    long stop = s.stop() != null ? s.stop() : s.step() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                    r = slice(r, d, start, stop, s.step());
                    d++;
                }
                case Idx.NewAxis n -> {
                    r = r.unsqueeze(d);
                    d++;
                }
                case Idx.Ellipsis e -> throw new IllegalStateException("expanded above");
            }
        }
        return r == x ? x.reshape(x.shape().toArray()) : r;
    }

    /** Elements at the 1-d integer {@code indices} along {@code dim} (a gather; a copy). */
    static Tensor indexSelect(Tensor x, int dim, Tensor indices) {
        int d = Args.dim(dim, x.dim(), "index_select");
        if (indices.dim() != 1) throw new ShapeException("index_select", "indices must be 1-d, got " + indices.type());
        if (indices.dtype().isFloating() || !indices.dtype().isNumeric()) {
            throw new DTypeException("index_select", "indices have dtype " + indices.dtype() + "; expected i32 or i64");
        }
        long k = indices.shape().dim(0);
        long[] along = new long[x.dim()];
        java.util.Arrays.fill(along, 1);
        along[d] = k;
        long[] target = x.shape().toArray();
        target[d] = k;
        Tensor idx = indices.reshape(along).expand(target);
        return x.ops.gather(x, idx, d);
    }

    /**
     * Advanced indexing along dim 0 ({@code x[idx]}): integer indices of any shape give
     * {@code idx.shape + x.shape[1:]} (a gather); a bool mask of x's leading shape selects the
     * true positions (their count is read back from the device, as in PyTorch).
     */
    static Tensor index(Tensor x, Tensor idx) {
        if (idx.dtype() == dev.triad.spi.types.DType.BOOL) return maskedSelect(x, idx);
        if (x.dim() == 0) throw new IndexOutOfRangeException("index", "a 0-d tensor cannot be indexed by a tensor");
        Tensor picked = indexSelect(x, 0, idx.reshape(-1));
        long[] shape = new long[idx.dim() + x.dim() - 1];
        for (int i = 0; i < idx.dim(); i++) shape[i] = idx.shape().dim(i);
        for (int i = 1; i < x.dim(); i++) shape[idx.dim() + i - 1] = x.shape().dim(i);
        return picked.reshape(shape);
    }

    /** The elements (or sub-tensors) where {@code mask} (x's leading dims) is true, as {@code [count, rest...]}. */
    static Tensor maskedSelect(Tensor x, Tensor mask) {
        int m = mask.dim();
        boolean ok = m <= x.dim();
        for (int i = 0; ok && i < m; i++) ok = mask.shape().dim(i) == x.shape().dim(i);
        if (!ok) throw new ShapeException("index", "the mask " + mask.type() + " does not match the leading dims of " + x.type());
        boolean[] bits = mask.toBooleanArray();
        int count = 0;
        for (boolean b : bits) if (b) count++;
        long[] positions = new long[count];
        for (int i = 0, j = 0; i < bits.length; i++) if (bits[i]) positions[j++] = i;
        long lead = mask.numel();
        long[] flatShape = new long[x.dim() - m + 1];
        flatShape[0] = lead;
        for (int i = m; i < x.dim(); i++) flatShape[i - m + 1] = x.shape().dim(i);
        Tensor idx = Tensors.fromHost(dev.triad.spi.backend.HostArray.fromLongs(dev.triad.spi.types.DType.I64,
                dev.triad.spi.types.Shape.of(count), positions), x.backend());
        return indexSelect(x.reshape(flatShape), 0, idx);
    }

    /** Pieces of {@code size} along {@code dim} (the last may be shorter). */
    static List<Tensor> split(Tensor x, long size, int dim) {
        int d = Args.dim(dim, x.dim(), "split");
        if (size <= 0) throw new TriadException("split", "split size must be positive, got " + size);
        long n = x.shape().dim(d);
        List<Tensor> out = new ArrayList<>();
        for (long s = 0; s < n; s += size) out.add(narrow(x, d, s, Math.min(size, n - s)));
        if (n == 0) out.add(narrow(x, d, 0, 0));
        return out;
    }

    /** {@code n} pieces of nearly equal size along {@code dim}. */
    static List<Tensor> chunk(Tensor x, int n, int dim) {
        if (n <= 0) throw new TriadException("chunk", "number of chunks must be positive, got " + n);
        long len = x.shape().dim(Args.dim(dim, x.dim(), "chunk"));
        return split(x, Math.max(1, (len + n - 1) / n), dim);
    }
}
