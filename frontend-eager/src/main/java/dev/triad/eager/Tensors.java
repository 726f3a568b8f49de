package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Factories, like the {@code torch.*} functions: from Java arrays and host arrays, filled
 * tensors, ranges, and random tensors drawn from a {@link Generator}. New tensors live on
 * {@link Triad#defaultBackend()} unless a backend is given; {@code *Like} factories use the
 * backend of their argument. A factory that runs several ops releases its temporaries itself.
 */
public final class Tensors {
    private Tensors() {}

    // ---- from the host ------------------------------------------------------------------------

    /** Uploads {@code host} to the default backend. */
    public static Tensor fromHost(HostArray host) { return fromHost(host, Triad.defaultBackend()); }

    /** Uploads {@code host} to {@code backend}. */
    public static Tensor fromHost(HostArray host, Backend backend) { return Tensor.wrap(backend.upload(host)); }

    /** An f32 tensor of {@code shape} (1-d when no shape is given). */
    public static Tensor fromArray(float[] values, long... shape) {
        return fromHost(HostArray.fromFloats(DType.F32, shapeFor(values.length, shape), values));
    }

    /** An f64 tensor. */
    public static Tensor fromArray(double[] values, long... shape) {
        return fromHost(HostArray.fromDoubles(DType.F64, shapeFor(values.length, shape), values));
    }

    /** An i32 tensor. */
    public static Tensor fromArray(int[] values, long... shape) {
        return fromHost(HostArray.fromInts(DType.I32, shapeFor(values.length, shape), values));
    }

    /** An i64 tensor. */
    public static Tensor fromArray(long[] values, long... shape) {
        return fromHost(HostArray.fromLongs(DType.I64, shapeFor(values.length, shape), values));
    }

    /** A u8 tensor (bytes read as unsigned). */
    public static Tensor fromArray(byte[] values, long... shape) {
        Shape s = shapeFor(values.length, shape);
        return fromHost(HostArray.wrap(new dev.triad.spi.types.TensorType(DType.U8, s), values.clone()));
    }

    /** A bool tensor. */
    public static Tensor fromArray(boolean[] values, long... shape) {
        return fromHost(HostArray.fromBooleans(shapeFor(values.length, shape), values));
    }

    /** A tensor of any {@code dtype}; values are converted as a cast converts them. */
    public static Tensor fromArray(DType dtype, double[] values, long... shape) {
        return fromHost(HostArray.fromDoubles(dtype, shapeFor(values.length, shape), values));
    }

    /** A 1-d f32 tensor. */
    public static Tensor of(float... values) { return fromArray(values); }

    /** A 2-d f32 tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) throw new ShapeException("tensor", "row " + i + " has " + rows[i].length + " values; expected " + cols);
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return fromArray(flat, rows.length, cols);
    }

    /** A 0-d f32 tensor. */
    public static Tensor scalar(double value) { return scalar(value, DType.F32); }

    /** A 0-d tensor of {@code dtype}. */
    public static Tensor scalar(double value, DType dtype) { return full(dtype, value); }

    private static Shape shapeFor(int n, long[] shape) {
        Shape s = shape.length == 0 ? Shape.of(n) : Shape.of(shape);
        if (s.numel() != n) {
            throw new ShapeException("from_array", n + " values do not fill shape " + Args.show(s) + " (" + s.numel() + " expected)");
        }
        return s;
    }

    // ---- filled --------------------------------------------------------------------------------

    /** f32 zeros. */ public static Tensor zeros(long... shape) { return full(DType.F32, 0, shape); }
    /** Zeros of {@code dtype}. */ public static Tensor zeros(DType dtype, long... shape) { return full(dtype, 0, shape); }
    /** f32 ones. */ public static Tensor ones(long... shape) { return full(DType.F32, 1, shape); }
    /** Ones of {@code dtype}. */ public static Tensor ones(DType dtype, long... shape) { return full(dtype, 1, shape); }
    /** f32 filled with {@code value}. */ public static Tensor full(double value, long... shape) { return full(DType.F32, value, shape); }
    /** {@code dtype} filled with {@code value}. */
    public static Tensor full(DType dtype, double value, long... shape) {
        return EagerOps.defaultOps().full(Shape.of(shape), dtype, value);
    }
    /** Zeros like {@code t} (same dtype, shape and backend). */ public static Tensor zerosLike(Tensor t) { return t.ops.zerosLike(t); }
    /** Ones like {@code t}. */ public static Tensor onesLike(Tensor t) { return t.ops.onesLike(t); }
    /** {@code value} like {@code t}. */ public static Tensor fullLike(Tensor t, double value) { return t.ops.fullLike(t, value); }

    /** {@code 0, 1, ..., end-1} as i64. */
    public static Tensor arange(long end) { return arange(0, end, 1); }

    /** {@code start, start+step, ...} below {@code end} (above, for a negative step) as i64. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new TriadException("arange", "step must be nonzero");
        long n = Math.max(0, (end - start + step + (step > 0 ? -1 : 1)) / step);
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor r = ops.add(ops.mul(ops.iota(Shape.of(n), DType.I64, 0), (double) step), (double) start);
            return s.keep(r);
        }
    }

    /** {@code start, start+step, ...} below {@code end} as f32 (computed in f64, as PyTorch does). */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new TriadException("arange", "step must be nonzero");
        long n = (long) Math.max(0, Math.ceil((end - start) / step));
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor r = ops.add(ops.mul(ops.iota(Shape.of(n), DType.F64, 0), step), start);
            return s.keep(ops.cast(r, DType.F32));
        }
    }

    /** {@code steps} evenly spaced f32 values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor r = ops.add(ops.mul(ops.iota(Shape.of(steps), DType.F64, 0), step), start);
            return s.keep(ops.cast(r, DType.F32));
        }
    }

    /** The f32 identity matrix of size {@code n}. */
    public static Tensor eye(long n) {
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Shape sh = Shape.of(n, n);
            Tensor r = ops.cast(ops.eq(ops.iota(sh, DType.I64, 0), ops.iota(sh, DType.I64, 1)), DType.F32);
            return s.keep(r);
        }
    }

    // ---- combining -------------------------------------------------------------------------------

    /** Concatenation along {@code dim} (negative allowed); dtypes must agree. */
    public static Tensor cat(int dim, List<Tensor> tensors) {
        if (tensors.isEmpty()) throw new TriadException("cat", "expected a non-empty list of tensors");
        Tensor first = tensors.get(0);
        return first.ops.apply(dev.triad.spi.prims.Prims.CONCAT,
                dev.triad.spi.ops.Attrs.of(dev.triad.spi.prims.Keys.AXIS, Args.dim(dim, first.dim(), "cat")), tensors);
    }

    /** Stacks equal-shaped tensors along a new dim. */
    public static Tensor stack(int dim, List<Tensor> tensors) {
        if (tensors.isEmpty()) throw new TriadException("stack", "expected a non-empty list of tensors");
        int d = Args.dim(dim, tensors.get(0).dim() + 1, "stack");
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) expanded.add(t.unsqueeze(d));
        return cat(d, expanded);
    }

    /** {@code cond ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return a.ops.where(cond, a, b); }

    // ---- random ------------------------------------------------------------------------------------

    /** Uniform f32 samples in {@code [0, 1)} from {@code g}. */
    public static Tensor rand(Generator g, long... shape) { return rand(g, DType.F32, shape); }
    /** Uniform samples of a floating {@code dtype} in {@code [0, 1)}. */
    public static Tensor rand(Generator g, DType dtype, long... shape) { return rand(g, EagerOps.defaultOps(), dtype, Shape.of(shape)); }
    /** Uniform f32 samples from the default generator. */
    public static Tensor rand(long... shape) { return rand(Triad.defaultGenerator(), shape); }
    /** Standard normal f32 samples from {@code g}. */
    public static Tensor randn(Generator g, long... shape) { return randn(g, DType.F32, shape); }
    /** Standard normal samples of a floating {@code dtype}. */
    public static Tensor randn(Generator g, DType dtype, long... shape) { return randn(g, EagerOps.defaultOps(), dtype, Shape.of(shape)); }
    /** Standard normal f32 samples from the default generator. */
    public static Tensor randn(long... shape) { return randn(Triad.defaultGenerator(), shape); }

    /** Uniform samples on {@code ops}' backend (shared by the in-place fills and nn.init). */
    static Tensor rand(Generator g, EagerOps ops, DType dtype, Shape shape) {
        checkFloat("rand", dtype);
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor bits = ops.randomBits(g.nextKey(ops), shape);
            return s.keep(RandomBits.uniform(ops, bits, dtype));
        }
    }

    /** Normal samples on {@code ops}' backend (Box-Muller over two uniform draws). */
    static Tensor randn(Generator g, EagerOps ops, DType dtype, Shape shape) {
        checkFloat("randn", dtype);
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor bits = ops.randomBits(g.nextKey(ops), shape.insert(0, 2));
            return s.keep(RandomBits.normal(ops, bits, dtype));
        }
    }

    /** Integers uniform in {@code [low, high)} as i64 ({@code high - low} at most 2^32). */
    public static Tensor randint(Generator g, long low, long high, long... shape) {
        if (high <= low || high - low > (1L << 32)) {
            throw new TriadException("randint", "expected low < high and high - low <= 2^32, got [" + low + ", " + high + ")");
        }
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor u = RandomBits.unsigned(ops, ops.randomBits(g.nextKey(ops), Shape.of(shape)));
            return s.keep(ops.add(ops.rem(u, ops.scalar(high - low, DType.I64)), (double) low));
        }
    }

    /** A random permutation of {@code 0..n-1} as i64 (the same on every backend for one seed). */
    public static Tensor randperm(Generator g, int n) {
        EagerOps ops = EagerOps.defaultOps();
        long[] keys;
        try (var _ = GradMode.set(false); var _ = Scope.open()) {
            keys = RandomBits.unsigned(ops, ops.randomBits(g.nextKey(ops), Shape.of(n))).toLongArray();
        }
        // Sort positions by their random word (ties by position) on the host, so the order is exact.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong((Integer i) -> keys[i]).thenComparingInt(i -> i));
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) packed[i] = order[i];
        return fromArray(packed);
    }

    /** f32 samples that are 1 with probability {@code p}, else 0. */
    public static Tensor bernoulli(Generator g, double p, long... shape) {
        EagerOps ops = EagerOps.defaultOps();
        try (var _ = GradMode.set(false); Scope s = Scope.open()) {
            Tensor u = rand(g, ops, DType.F32, Shape.of(shape));
            return s.keep(ops.cast(ops.lt(u, p), DType.F32));
        }
    }

    private static void checkFloat(String op, DType dtype) {
        if (!dtype.isFloating()) throw new dev.triad.spi.error.DTypeException(op, "expected a floating dtype, got " + dtype);
    }
}
