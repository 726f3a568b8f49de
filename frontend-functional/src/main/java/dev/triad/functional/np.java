package dev.triad.functional;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * The NumPy namespace ({@code jax.numpy}): array creation, elementwise math with broadcasting
 * and NumPy type promotion (Java scalars are weakly typed: {@code add(x, 2.0)} keeps x's
 * dtype), reductions, shape manipulation and linear algebra. Every function works the same on
 * concrete arrays and on tracers inside transformations; each is a thin use of the shared
 * {@link Ops} algebra, so the op's rules all live in the spi.
 *
 * <p>Axes may be negative (counted from the end), as in NumPy.
 */
public final class np {
    private np() {}

    private static final Ops<Array> O = ArrayOps.OPS;

    // ---- creation ---------------------------------------------------------------------------

    /** An F32 array of {@code data} with {@code shape} (1-D when no shape is given). */
    public static Array array(float[] data, long... shape) {
        return Core.constant(HostArray.fromFloats(DType.F32, shapeOf(data.length, shape), data));
    }

    /** An F64 array of {@code data} with {@code shape} (1-D when no shape is given). */
    public static Array array(double[] data, long... shape) {
        return Core.constant(HostArray.fromDoubles(DType.F64, shapeOf(data.length, shape), data));
    }

    /** An I32 array of {@code data} with {@code shape} (1-D when no shape is given). */
    public static Array array(int[] data, long... shape) {
        return Core.constant(HostArray.fromInts(DType.I32, shapeOf(data.length, shape), data));
    }

    /** An I64 array of {@code data} with {@code shape} (1-D when no shape is given). */
    public static Array array(long[] data, long... shape) {
        return Core.constant(HostArray.fromLongs(DType.I64, shapeOf(data.length, shape), data));
    }

    /** A BOOL array of {@code data} with {@code shape} (1-D when no shape is given). */
    public static Array array(boolean[] data, long... shape) {
        return Core.constant(HostArray.fromBooleans(shapeOf(data.length, shape), data));
    }

    /** An array of {@code dtype} holding {@code data} (converted as a cast converts). */
    public static Array array(DType dtype, double[] data, long... shape) {
        return Core.constant(HostArray.fromDoubles(dtype, shapeOf(data.length, shape), data));
    }

    /** The host array's values on the current backend (or as a constant of the function being traced). */
    public static Array asarray(HostArray host) { return Core.constant(host); }

    private static Shape shapeOf(int n, long[] shape) { return shape.length == 0 ? Shape.of(n) : Shape.of(shape); }

    /** An F32 scalar. */
    public static Array scalar(double value) { return O.scalar(value, DType.F32); }

    /** A scalar of {@code dtype}. */
    public static Array scalar(double value, DType dtype) { return O.scalar(value, dtype); }

    /** F32 zeros. */ public static Array zeros(long... shape) { return O.full(Shape.of(shape), DType.F32, 0.0); }
    /** Zeros of a type. */ public static Array zeros(Shape shape, DType dtype) { return O.full(shape, dtype, 0.0); }
    /** F32 ones. */ public static Array ones(long... shape) { return O.full(Shape.of(shape), DType.F32, 1.0); }
    /** Ones of a type. */ public static Array ones(Shape shape, DType dtype) { return O.full(shape, dtype, 1.0); }
    /** {@code value} everywhere. */ public static Array full(Shape shape, DType dtype, double value) { return O.full(shape, dtype, value); }
    /** Zeros of x's type. */ public static Array zerosLike(Array x) { return O.zerosLike(x); }
    /** Ones of x's type. */ public static Array onesLike(Array x) { return O.onesLike(x); }
    /** {@code value} in x's type. */ public static Array fullLike(Array x, double value) { return O.fullLike(x, value); }

    /** {@code [0, 1, ..., n-1]} as I32. */
    public static Array arange(long n) { return arange(0, n, DType.I32); }

    /** {@code [start, ..., stop-1]} of {@code dtype}. */
    public static Array arange(long start, long stop, DType dtype) {
        Array i = O.iota(Shape.of(Math.max(0, stop - start)), dtype, 0);
        return start == 0 ? i : O.add(i, (double) start);
    }

    /** {@code num} evenly spaced F32 values from {@code start} to {@code stop} inclusive. */
    public static Array linspace(double start, double stop, int num) {
        Array i = O.iota(Shape.of(num), DType.F32, 0);
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        return O.add(O.mul(i, step), start);
    }

    /** The F32 identity matrix. */
    public static Array eye(long n) { return eye(n, DType.F32); }

    /** The identity matrix of {@code dtype}. */
    public static Array eye(long n, DType dtype) {
        Shape s = Shape.of(n, n);
        return O.cast(O.eq(O.iota(s, DType.I32, 0), O.iota(s, DType.I32, 1)), dtype);
    }

    // ---- elementwise ------------------------------------------------------------------------

    /** {@code a + b}. */ public static Array add(Array a, Array b) { return O.add(a, b); }
    /** {@code a + s}. */ public static Array add(Array a, double s) { return O.add(a, s); }
    /** {@code a - b}. */ public static Array subtract(Array a, Array b) { return O.sub(a, b); }
    /** {@code a - s}. */ public static Array subtract(Array a, double s) { return O.sub(a, s); }
    /** {@code s - a}. */ public static Array subtract(double s, Array a) { return O.rsub(s, a); }
    /** {@code a * b}. */ public static Array multiply(Array a, Array b) { return O.mul(a, b); }
    /** {@code a * s}. */ public static Array multiply(Array a, double s) { return O.mul(a, s); }

    /** True division {@code a / b}: integer inputs give F32, as in JAX. */
    public static Array divide(Array a, Array b) {
        if (!a.dtype().isFloating() && !b.dtype().isFloating()) return O.div(O.cast(a, DType.F32), O.cast(b, DType.F32));
        return O.div(a, b);
    }
    /** True division {@code a / s}. */
    public static Array divide(Array a, double s) { return O.div(a.dtype().isFloating() ? a : O.cast(a, DType.F32), s); }
    /** True division {@code s / a}. */
    public static Array divide(double s, Array a) {
        Array x = a.dtype().isFloating() ? a : O.cast(a, DType.F32);
        return O.div(O.scalarFor(x, s), x);
    }

    /** {@code a ^ b} (floats). */ public static Array power(Array a, Array b) { return O.pow(a, b); }
    /**
     * {@code a ^ s}. An integral exponent (as JAX's {@code integer_pow}) is computed by repeated
     * multiplication, which also keeps derivatives finite at negative bases (the general power's
     * derivative involves {@code log a}).
     */
    public static Array power(Array a, double s) {
        boolean integral = s == Math.rint(s) && Math.abs(s) <= 64;
        if (!integral || (s < 0 && !a.dtype().isFloating())) return O.pow(a, s);
        long n = (long) Math.abs(s);
        Array r = n == 0 ? O.onesLike(a) : integerPower(a, n);
        return s < 0 ? O.reciprocal(r) : r;
    }

    private static Array integerPower(Array x, long n) {
        Array result = null, base = x;
        while (true) {
            if ((n & 1) != 0) result = result == null ? base : O.mul(result, base);
            n >>= 1;
            if (n == 0) return result;
            base = O.mul(base, base);
        }
    }
    /** Elementwise maximum, NaN propagating. */ public static Array maximum(Array a, Array b) { return O.max(a, b); }
    /** Elementwise maximum with a scalar. */ public static Array maximum(Array a, double s) { return O.max(a, s); }
    /** Elementwise minimum, NaN propagating. */ public static Array minimum(Array a, Array b) { return O.min(a, b); }
    /** Elementwise minimum with a scalar. */ public static Array minimum(Array a, double s) { return O.min(a, s); }
    /** C-style remainder, with the dividend's sign. */ public static Array fmod(Array a, Array b) { return O.rem(a, b); }
    /** {@code -x}. */ public static Array negative(Array x) { return O.neg(x); }
    /** {@code |x|}. */ public static Array abs(Array x) { return O.abs(x); }
    /** -1, 0 or 1. */ public static Array sign(Array x) { return O.sign(x); }
    /** e^x. */ public static Array exp(Array x) { return O.exp(x); }
    /** Natural logarithm. */ public static Array log(Array x) { return O.log(x); }
    /** ln(1 + x). */ public static Array log1p(Array x) { return O.log1p(x); }
    /** e^x - 1. */ public static Array expm1(Array x) { return O.expm1(x); }
    /** Square root. */ public static Array sqrt(Array x) { return O.sqrt(x); }
    /** 1 / sqrt(x). */ public static Array rsqrt(Array x) { return O.rsqrt(x); }
    /** {@code x * x}. */ public static Array square(Array x) { return O.square(x); }
    /** 1 / x. */ public static Array reciprocal(Array x) { return O.reciprocal(x); }
    /** Sine. */ public static Array sin(Array x) { return O.sin(x); }
    /** Cosine. */ public static Array cos(Array x) { return O.cos(x); }
    /** Hyperbolic tangent. */ public static Array tanh(Array x) { return O.tanh(x); }
    /** Error function. */ public static Array erf(Array x) { return O.erf(x); }
    /** Round toward -inf. */ public static Array floor(Array x) { return O.floor(x); }
    /** Round toward +inf. */ public static Array ceil(Array x) { return O.ceil(x); }
    /** Round half to even. */ public static Array round(Array x) { return O.round(x); }

    /** {@code min(max(x, lo), hi)}. */
    public static Array clip(Array x, double lo, double hi) { return O.min(O.max(x, lo), hi); }

    /** {@code a == b} (bool). */ public static Array equal(Array a, Array b) { return O.eq(a, b); }
    /** {@code a == s} (bool). */ public static Array equal(Array a, double s) { return O.eq(a, s); }
    /** {@code a != b} (bool). */ public static Array notEqual(Array a, Array b) { return O.ne(a, b); }
    /** {@code a < b} (bool). */ public static Array less(Array a, Array b) { return O.lt(a, b); }
    /** {@code a < s} (bool). */ public static Array less(Array a, double s) { return O.lt(a, s); }
    /** {@code a <= b} (bool). */ public static Array lessEqual(Array a, Array b) { return O.le(a, b); }
    /** {@code a > b} (bool). */ public static Array greater(Array a, Array b) { return O.gt(a, b); }
    /** {@code a > s} (bool). */ public static Array greater(Array a, double s) { return O.gt(a, s); }
    /** {@code a >= b} (bool). */ public static Array greaterEqual(Array a, Array b) { return O.ge(a, b); }
    /** {@code a >= s} (bool). */ public static Array greaterEqual(Array a, double s) { return O.ge(a, s); }
    /** Logical and (inputs are converted to bool). */ public static Array logicalAnd(Array a, Array b) { return O.and(bool(a), bool(b)); }
    /** Logical or (inputs are converted to bool). */ public static Array logicalOr(Array a, Array b) { return O.or(bool(a), bool(b)); }
    /** Logical not (the input is converted to bool). */ public static Array logicalNot(Array x) { return O.not(bool(x)); }

    private static Array bool(Array x) { return O.cast(x, DType.BOOL); }

    /** {@code cond ? x : y}, broadcasting all three. */ public static Array where(Array cond, Array x, Array y) { return O.where(bool(cond), x, y); }
    /** {@code cond ? x : s}. */ public static Array where(Array cond, Array x, double s) { return O.where(bool(cond), x, O.scalarFor(x, s)); }
    /** {@code cond ? s : y}. */ public static Array where(Array cond, double s, Array y) { return O.where(bool(cond), O.scalarFor(y, s), y); }

    /** x converted to {@code dtype} (the same array when it already has it). */
    public static Array astype(Array x, DType dtype) { return O.cast(x, dtype); }

    // ---- reductions -------------------------------------------------------------------------

    /** Sum of all elements. */ public static Array sum(Array x) { return O.sum(x); }
    /** Sum over {@code axes}. */ public static Array sum(Array x, int... axes) { return O.sum(x, axes, false); }
    /** Sum over {@code axes}, keeping them as size 1 when {@code keepdims}. */
    public static Array sum(Array x, int[] axes, boolean keepdims) { return O.sum(x, axes, keepdims); }
    /** Mean of all elements. */ public static Array mean(Array x) { return O.mean(x); }
    /** Mean over {@code axes}. */ public static Array mean(Array x, int... axes) { return O.mean(x, axes, false); }
    /** Mean over {@code axes}. */ public static Array mean(Array x, int[] axes, boolean keepdims) { return O.mean(x, axes, keepdims); }
    /** Maximum of all elements. */ public static Array max(Array x) { return O.reduceMax(x, Ops.allAxes(x.ndim()), false); }
    /** Maximum over {@code axes}. */ public static Array max(Array x, int[] axes, boolean keepdims) { return O.reduceMax(x, axes, keepdims); }
    /** Minimum of all elements. */ public static Array min(Array x) { return O.reduceMin(x, Ops.allAxes(x.ndim()), false); }
    /** Minimum over {@code axes}. */ public static Array min(Array x, int[] axes, boolean keepdims) { return O.reduceMin(x, axes, keepdims); }
    /** Product of all elements. */ public static Array prod(Array x) { return O.prod(x, Ops.allAxes(x.ndim()), false); }
    /** Product over {@code axes}. */ public static Array prod(Array x, int[] axes, boolean keepdims) { return O.prod(x, axes, keepdims); }
    /** Index (i64) of the maximum of the flattened array. */ public static Array argmax(Array x) { return O.argmax(ravel(x), 0, false); }
    /** Index (i64) of the maximum along {@code axis}. */ public static Array argmax(Array x, int axis) { return O.argmax(x, axis, false); }
    /** Index (i64) of the minimum of the flattened array. */ public static Array argmin(Array x) { return O.argmin(ravel(x), 0, false); }
    /** Index (i64) of the minimum along {@code axis}. */ public static Array argmin(Array x, int axis) { return O.argmin(x, axis, false); }
    /** Population variance of all elements. */ public static Array var(Array x) { return O.variance(x, Ops.allAxes(x.ndim()), false, 0); }
    /** Variance over {@code axes} with {@code ddof} (0 population, 1 sample). */
    public static Array var(Array x, int[] axes, boolean keepdims, int ddof) { return O.variance(x, axes, keepdims, ddof); }
    /** Population standard deviation of all elements. */ public static Array std(Array x) { return O.sqrt(var(x)); }
    /** Standard deviation over {@code axes} with {@code ddof}. */
    public static Array std(Array x, int[] axes, boolean keepdims, int ddof) { return O.sqrt(var(x, axes, keepdims, ddof)); }

    // ---- shape --------------------------------------------------------------------------------

    /** x with a new shape of the same size; one dimension may be -1 (inferred). */
    public static Array reshape(Array x, long... shape) { return O.reshape(x, resolve(x, shape)); }

    private static Shape resolve(Array x, long[] shape) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw new ShapeException("reshape", "only one dimension may be -1, got " + java.util.Arrays.toString(shape));
                infer = i;
            } else {
                known *= shape[i];
            }
        }
        if (infer < 0) return Shape.of(shape);
        if (known == 0 || x.size() % known != 0) {
            throw new ShapeException("reshape", "cannot reshape " + x.type() + " to " + java.util.Arrays.toString(shape)
                    + "; the known dimensions do not divide its " + x.size() + " elements");
        }
        long[] s = shape.clone();
        s[infer] = x.size() / known;
        return Shape.of(s);
    }

    /** x as one dimension. */ public static Array ravel(Array x) { return O.reshape(x, Shape.of(x.size())); }

    /** x with its axes reversed. */
    public static Array transpose(Array x) {
        int r = x.ndim();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        return O.permute(x, perm);
    }

    /** x with axes permuted: result axis i is input axis {@code axes[i]} (negative allowed). */
    public static Array transpose(Array x, int... axes) {
        int[] p = new int[axes.length];
        for (int i = 0; i < axes.length; i++) p[i] = axis(x.ndim(), axes[i]);
        return O.permute(x, p);
    }

    /** x with two axes swapped. */
    public static Array swapaxes(Array x, int a, int b) {
        int r = x.ndim();
        int[] perm = Ops.allAxes(r);
        int i = axis(r, a), j = axis(r, b);
        perm[i] = j;
        perm[j] = i;
        return O.permute(x, perm);
    }

    /** x with axis {@code source} moved to {@code destination}. */
    public static Array moveaxis(Array x, int source, int destination) {
        return O.moveAxis(x, axis(x.ndim(), source), axis(x.ndim(), destination));
    }

    /** x with a size-1 axis inserted at {@code axis} (negative counts in the result). */
    public static Array expandDims(Array x, int axis) { return O.expandDims(x, axis(x.ndim() + 1, axis)); }

    /** x without its size-1 axes. */
    public static Array squeeze(Array x) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < x.ndim(); i++) if (x.shape().dim(i) == 1) keep.add(i);
        return O.reshape(x, x.shape().without(keep.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** x without the given size-1 axes. */
    public static Array squeeze(Array x, int... axes) {
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            a[i] = axis(x.ndim(), axes[i]);
            if (x.shape().dim(a[i]) != 1) {
                throw new ShapeException("squeeze", "axis " + axes[i] + " of " + x.type() + " has size " + x.shape().dim(a[i]) + "; expected 1");
            }
        }
        return O.reshape(x, x.shape().without(a));
    }

    /** x broadcast to {@code shape} (NumPy rules). */
    public static Array broadcastTo(Array x, long... shape) { return O.broadcastTo(x, Shape.of(shape)); }

    /** The arrays joined along an existing axis. */
    public static Array concatenate(List<Array> xs, int axis) {
        if (xs.isEmpty()) throw new TriadException("concat", "needs at least one array");
        return O.concat(axis(xs.get(0).ndim(), axis), promoted(xs));
    }

    /** The arrays (all of one shape) stacked along a new axis. */
    public static Array stack(List<Array> xs, int axis) {
        if (xs.isEmpty()) throw new TriadException("concat", "stack needs at least one array");
        return O.stack(axis(xs.get(0).ndim() + 1, axis), promoted(xs));
    }

    private static List<Array> promoted(List<Array> xs) {
        DType t = xs.get(0).dtype();
        for (Array x : xs) t = dev.triad.spi.types.Promotion.promote(t, x.dtype());
        List<Array> out = new ArrayList<>(xs.size());
        for (Array x : xs) out.add(O.cast(x, t));
        return out;
    }

    /** x split into {@code sections} equal parts along {@code axis}. */
    public static List<Array> split(Array x, int sections, int axis) {
        int a = axis(x.ndim(), axis);
        long n = x.shape().dim(a);
        if (sections <= 0 || n % sections != 0) {
            throw new ShapeException("split", "axis " + axis + " of " + x.type() + " (size " + n + ") does not split into " + sections + " equal parts");
        }
        long part = n / sections;
        List<Array> out = new ArrayList<>(sections);
        for (int i = 0; i < sections; i++) out.add(O.sliceAxis(x, a, i * part, (i + 1) * part));
        return out;
    }

    /** x reversed along {@code axes}. */
    public static Array flip(Array x, int... axes) { return O.flip(x, axes); }

    /** Constant padding: {@code low[i]} before and {@code high[i]} after each dimension (negative crops). */
    public static Array pad(Array x, long[] low, long[] high, double value) {
        return O.pad(x, low, high, new long[x.ndim()], value);
    }

    /** The strided slice {@code [start, stop)} with step 1 in every dimension. */
    public static Array slice(Array x, long[] start, long[] stop) {
        long[] step = new long[x.ndim()];
        java.util.Arrays.fill(step, 1);
        return O.slice(x, start, stop, step);
    }

    /** The strided slice {@code [start, stop)} with positive {@code step} per dimension. */
    public static Array slice(Array x, long[] start, long[] stop, long[] step) { return O.slice(x, start, stop, step); }

    /** Elements {@code [start, stop)} of one axis. */
    public static Array sliceAxis(Array x, int axis, long start, long stop) { return O.sliceAxis(x, axis(x.ndim(), axis), start, stop); }

    /** The index-th entry along axis 0 ({@code x[index]}). */
    public static Array index(Array x, long index) { return O.squeeze(O.sliceAxis(x, 0, index, index + 1), 0); }

    /**
     * Elements at integer {@code indices} along {@code axis} ({@code np.take}): the result has
     * x's shape with that axis replaced by the indices' shape.
     */
    public static Array take(Array x, Array indices, int axis) {
        int a = axis(x.ndim(), axis);
        Array flat = O.reshape(indices, Shape.of(indices.size()));
        Shape s = x.shape();
        long[] idxShape = new long[s.rank()];
        java.util.Arrays.fill(idxShape, 1);
        idxShape[a] = indices.size();
        Array idx = O.broadcastTo(O.reshape(flat, Shape.of(idxShape)), s.withDim(a, indices.size()));
        Array g = O.gather(x, idx, a);
        long[] out = new long[s.rank() - 1 + indices.ndim()];
        int k = 0;
        for (int i = 0; i < a; i++) out[k++] = s.dim(i);
        for (int i = 0; i < indices.ndim(); i++) out[k++] = indices.shape().dim(i);
        for (int i = a + 1; i < s.rank(); i++) out[k++] = s.dim(i);
        return O.reshape(g, Shape.of(out));
    }

    /** {@code np.take_along_axis}: indices of x's rank (other axes broadcast) select along {@code axis}. */
    public static Array takeAlongAxis(Array x, Array indices, int axis) {
        int a = axis(x.ndim(), axis);
        Shape target = x.shape().withDim(a, indices.shape().dim(a));
        return O.gather(x, O.broadcastTo(indices, target), a);
    }

    // ---- linear algebra ---------------------------------------------------------------------

    /** Matrix product with NumPy's rules: 1-D operands are promoted to matrices and the added axis removed. */
    public static Array matmul(Array a, Array b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            throw new ShapeException("matmul", "operands " + a.type() + " and " + b.type() + " include a scalar; use multiply");
        }
        boolean va = a.ndim() == 1, vb = b.ndim() == 1;
        Array x = va ? O.expandDims(a, 0) : a;
        Array y = vb ? O.expandDims(b, 1) : b;
        Array r = O.matmul(x, y);
        if (va) r = O.squeeze(r, r.ndim() - 2);
        if (vb) r = O.squeeze(r, r.ndim() - 1);
        return r;
    }

    /** Dot product of vectors, matrix-vector and matrix products ({@code np.dot} for rank &lt;= 2). */
    public static Array dot(Array a, Array b) {
        if (a.ndim() == 1 && b.ndim() == 1) return O.sum(O.mul(a, b));
        return matmul(a, b);
    }

    /** Outer product of two vectors. */
    public static Array outer(Array a, Array b) {
        return O.mul(O.reshape(a, Shape.of(a.size(), 1)), O.reshape(b, Shape.of(1, b.size())));
    }

    /** A non-negative axis for a possibly negative one. */
    static int axis(int rank, int axis) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ShapeException("axis", "axis " + axis + " is out of range for rank " + rank);
        return a;
    }
}
