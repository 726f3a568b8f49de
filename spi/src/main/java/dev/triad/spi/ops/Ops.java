package dev.triad.spi.ops;

import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Promotion;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generic algebra every rule is written against. A front-end implements the two abstract
 * methods for its own value type (eager tensor, graph node, traced value, device array, or
 * just a {@link TensorType} for shape inference); every helper below is built on them, so a
 * rule written once runs in every front-end.
 *
 * <p>The helpers follow NumPy: binary helpers promote dtypes ({@link Promotion}) and broadcast
 * shapes, and Java scalars are weakly typed.
 *
 * @param <T> the value type
 */
public interface Ops<T> {
    /** Applies {@code p} to {@code inputs}. Implementations validate through {@link Primitive#inferType}. */
    T apply(Primitive p, Attrs attrs, List<T> inputs);

    /** The static type of {@code value}. */
    TensorType typeOf(T value);

    // ---- type queries -------------------------------------------------------------------

    /** Shape of {@code x}. */
    default Shape shape(T x) { return typeOf(x).shape(); }
    /** Element type of {@code x}. */
    default DType dtype(T x) { return typeOf(x).dtype(); }
    /** Rank of {@code x}. */
    default int rank(T x) { return typeOf(x).rank(); }

    // ---- creation -------------------------------------------------------------------------

    /** A tensor of {@code shape} filled with {@code value}. */
    default T full(Shape shape, DType dtype, double value) {
        return apply(Prims.FULL, Attrs.of(Keys.SHAPE, shape, Keys.DTYPE, dtype, Keys.VALUE, value), List.of());
    }
    /** A scalar. */
    default T scalar(double value, DType dtype) { return full(Shape.SCALAR, dtype, value); }
    /** Zeros of {@code x}'s type. */
    default T zerosLike(T x) { return full(shape(x), dtype(x), 0.0); }
    /** Ones of {@code x}'s type. */
    default T onesLike(T x) { return full(shape(x), dtype(x), 1.0); }
    /** {@code value} in {@code x}'s type. */
    default T fullLike(T x, double value) { return full(shape(x), dtype(x), value); }
    /** Index values along {@code axis}. */
    default T iota(Shape shape, DType dtype, int axis) {
        return apply(Prims.IOTA, Attrs.of(Keys.SHAPE, shape, Keys.DTYPE, dtype, Keys.AXIS, axis), List.of());
    }
    /** Threefry-2x32 random bits of {@code shape} from a key {@code i32[2]}. */
    default T randomBits(T key, Shape shape) { return apply(Prims.RANDOM_BITS, Attrs.of(Keys.SHAPE, shape), List.of(key)); }

    // ---- unary ----------------------------------------------------------------------------

    /** Applies a unary primitive. */
    default T unary(Primitive p, T x) { return apply(p, Attrs.EMPTY, List.of(x)); }
    /** {@code -x}. */ default T neg(T x) { return unary(Prims.NEG, x); }
    /** {@code |x|}. */ default T abs(T x) { return unary(Prims.ABS, x); }
    /** Sign (-1, 0, 1). */ default T sign(T x) { return unary(Prims.SIGN, x); }
    /** e^x. */ default T exp(T x) { return unary(Prims.EXP, x); }
    /** ln x. */ default T log(T x) { return unary(Prims.LOG, x); }
    /** ln(1+x). */ default T log1p(T x) { return unary(Prims.LOG1P, x); }
    /** e^x - 1. */ default T expm1(T x) { return unary(Prims.EXPM1, x); }
    /** Square root. */ default T sqrt(T x) { return unary(Prims.SQRT, x); }
    /** 1/sqrt(x). */ default T rsqrt(T x) { return unary(Prims.RSQRT, x); }
    /** Sine. */ default T sin(T x) { return unary(Prims.SIN, x); }
    /** Cosine. */ default T cos(T x) { return unary(Prims.COS, x); }
    /** Hyperbolic tangent. */ default T tanh(T x) { return unary(Prims.TANH, x); }
    /** 1/(1+e^-x). */ default T logistic(T x) { return unary(Prims.LOGISTIC, x); }
    /** Error function. */ default T erf(T x) { return unary(Prims.ERF, x); }
    /** 1/x. */ default T reciprocal(T x) { return unary(Prims.RECIPROCAL, x); }
    /** Round down. */ default T floor(T x) { return unary(Prims.FLOOR, x); }
    /** Round up. */ default T ceil(T x) { return unary(Prims.CEIL, x); }
    /** Round half to even. */ default T round(T x) { return unary(Prims.ROUND, x); }
    /** Logical not (bool) or bitwise not (integers). */ default T not(T x) { return unary(Prims.NOT, x); }
    /** {@code x * x}. */ default T square(T x) { return mul(x, x); }

    // ---- binary (promoting, broadcasting) ---------------------------------------------------

    /**
     * Applies a binary primitive after promoting both inputs to their common dtype; shapes
     * broadcast inside the primitive.
     */
    default T binary(Primitive p, T a, T b) {
        DType common = Promotion.promote(dtype(a), dtype(b));
        return apply(p, Attrs.EMPTY, List.of(cast(a, common), cast(b, common)));
    }
    /** {@code a + b}. */ default T add(T a, T b) { return binary(Prims.ADD, a, b); }
    /** {@code a - b}. */ default T sub(T a, T b) { return binary(Prims.SUB, a, b); }
    /** {@code a * b}. */ default T mul(T a, T b) { return binary(Prims.MUL, a, b); }
    /** {@code a / b} (integer division truncates). */ default T div(T a, T b) { return binary(Prims.DIV, a, b); }
    /** {@code a ^ b}. */ default T pow(T a, T b) { return binary(Prims.POW, a, b); }
    /** Elementwise maximum (NaN propagates). */ default T max(T a, T b) { return binary(Prims.MAX, a, b); }
    /** Elementwise minimum (NaN propagates). */ default T min(T a, T b) { return binary(Prims.MIN, a, b); }
    /** Remainder with the dividend's sign (C fmod). */ default T rem(T a, T b) { return binary(Prims.REM, a, b); }
    /** {@code a == b}. */ default T eq(T a, T b) { return binary(Prims.EQ, a, b); }
    /** {@code a != b}. */ default T ne(T a, T b) { return binary(Prims.NE, a, b); }
    /** {@code a < b}. */ default T lt(T a, T b) { return binary(Prims.LT, a, b); }
    /** {@code a <= b}. */ default T le(T a, T b) { return binary(Prims.LE, a, b); }
    /** {@code a > b}. */ default T gt(T a, T b) { return binary(Prims.GT, a, b); }
    /** {@code a >= b}. */ default T ge(T a, T b) { return binary(Prims.GE, a, b); }
    /** Logical/bitwise and. */ default T and(T a, T b) { return binary(Prims.AND, a, b); }
    /** Logical/bitwise or. */ default T or(T a, T b) { return binary(Prims.OR, a, b); }

    /** A weakly typed scalar for use with {@code x}: takes x's dtype when it can hold it. */
    default T scalarFor(T x, double s) {
        DType t = dtype(x);
        boolean integral = s == Math.rint(s) && !Double.isInfinite(s);
        return scalar(s, integral ? Promotion.withIntScalar(t) : Promotion.withFloatScalar(t));
    }
    /** {@code x + s}. */ default T add(T x, double s) { return add(x, scalarFor(x, s)); }
    /** {@code x - s}. */ default T sub(T x, double s) { return sub(x, scalarFor(x, s)); }
    /** {@code s - x}. */ default T rsub(double s, T x) { return sub(scalarFor(x, s), x); }
    /** {@code x * s}. */ default T mul(T x, double s) { return mul(x, scalarFor(x, s)); }
    /** {@code x / s}. */ default T div(T x, double s) { return div(x, scalarFor(x, s)); }
    /** {@code x ^ s}. */ default T pow(T x, double s) { return pow(x, scalarFor(x, s)); }
    /** {@code max(x, s)}. */ default T max(T x, double s) { return max(x, scalarFor(x, s)); }
    /** {@code min(x, s)}. */ default T min(T x, double s) { return min(x, scalarFor(x, s)); }
    /** {@code x > s}. */ default T gt(T x, double s) { return gt(x, scalarFor(x, s)); }
    /** {@code x >= s}. */ default T ge(T x, double s) { return ge(x, scalarFor(x, s)); }
    /** {@code x < s}. */ default T lt(T x, double s) { return lt(x, scalarFor(x, s)); }
    /** {@code x == s}. */ default T eq(T x, double s) { return eq(x, scalarFor(x, s)); }

    /** {@code cond ? x : y}, broadcasting all three; x and y are promoted to a common dtype. */
    default T where(T cond, T x, T y) {
        DType common = Promotion.promote(dtype(x), dtype(y));
        return apply(Prims.WHERE, Attrs.EMPTY, List.of(cond, cast(x, common), cast(y, common)));
    }
    /** Converts to {@code dtype}; no op when already of that type. */
    default T cast(T x, DType dtype) {
        return dtype(x) == dtype ? x : apply(Prims.CAST, Attrs.of(Keys.DTYPE, dtype), List.of(x));
    }

    // ---- reductions -----------------------------------------------------------------------

    /** Normalises possibly negative, unsorted axes against rank {@code rank}. */
    static int[] normalizeAxes(int[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        Arrays.sort(out);
        return out;
    }
    /** All axes of a rank. */
    static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) a[i] = i;
        return a;
    }
    /** Applies a reduction primitive over {@code axes}. */
    default T reduce(Primitive p, T x, int[] axes, boolean keepDims) {
        return apply(p, Attrs.of(Keys.AXES, normalizeAxes(axes, rank(x)), Keys.KEEP_DIMS, keepDims), List.of(x));
    }
    /** Sum over {@code axes}. */ default T sum(T x, int[] axes, boolean keepDims) { return reduce(Prims.REDUCE_SUM, x, axes, keepDims); }
    /** Sum of all elements. */ default T sum(T x) { return sum(x, allAxes(rank(x)), false); }
    /** Max over {@code axes}. */ default T reduceMax(T x, int[] axes, boolean keepDims) { return reduce(Prims.REDUCE_MAX, x, axes, keepDims); }
    /** Min over {@code axes}. */ default T reduceMin(T x, int[] axes, boolean keepDims) { return reduce(Prims.REDUCE_MIN, x, axes, keepDims); }
    /** Product over {@code axes}. */ default T prod(T x, int[] axes, boolean keepDims) { return reduce(Prims.REDUCE_PROD, x, axes, keepDims); }
    /** Index (i64) of the maximum along {@code axis}; first one wins ties. */
    default T argmax(T x, int axis, boolean keepDims) {
        return apply(Prims.ARGMAX, Attrs.of(Keys.AXIS, axis < 0 ? axis + rank(x) : axis, Keys.KEEP_DIMS, keepDims), List.of(x));
    }
    /** Index (i64) of the minimum along {@code axis}; first one wins ties. */
    default T argmin(T x, int axis, boolean keepDims) {
        return apply(Prims.ARGMIN, Attrs.of(Keys.AXIS, axis < 0 ? axis + rank(x) : axis, Keys.KEEP_DIMS, keepDims), List.of(x));
    }

    // ---- movement -------------------------------------------------------------------------

    /** Reshape to {@code shape} (same number of elements); no op when already that shape. */
    default T reshape(T x, Shape shape) {
        return shape(x).equals(shape) ? x : apply(Prims.RESHAPE, Attrs.of(Keys.SHAPE, shape), List.of(x));
    }
    /** Permute axes: result axis i is input axis {@code perm[i]}. */
    default T permute(T x, int... perm) {
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) identity &= perm[i] == i;
        return identity && perm.length == rank(x) ? x : apply(Prims.PERMUTE, Attrs.of(Keys.PERM, perm), List.of(x));
    }
    /** Swap the last two axes. */
    default T transposeLast2(T x) {
        int r = rank(x);
        int[] perm = allAxes(r);
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return permute(x, perm);
    }
    /** Broadcast to {@code shape} (NumPy rules); no op when already that shape. */
    default T broadcastTo(T x, Shape shape) {
        return shape(x).equals(shape) ? x : apply(Prims.BROADCAST_TO, Attrs.of(Keys.SHAPE, shape), List.of(x));
    }
    /** Strided slice {@code [start, stop)} with positive {@code step} per dimension. */
    default T slice(T x, long[] start, long[] stop, long[] step) {
        return apply(Prims.SLICE, Attrs.builder().put(Keys.START, start).put(Keys.STOP, stop).put(Keys.STEP, step).build(), List.of(x));
    }
    /** Slice {@code [start, stop)} of one axis. */
    default T sliceAxis(T x, int axis, long start, long stop) {
        Shape s = shape(x);
        long[] lo = new long[s.rank()], hi = s.toArray(), st = new long[s.rank()];
        Arrays.fill(st, 1);
        lo[axis] = start;
        hi[axis] = stop;
        return slice(x, lo, hi, st);
    }
    /** Constant padding (negative crops; interior inserts between elements). */
    default T pad(T x, long[] low, long[] high, long[] interior, double value) {
        return apply(Prims.PAD, Attrs.builder().put(Keys.LOW, low).put(Keys.HIGH, high).put(Keys.INTERIOR, interior)
                .put(Keys.VALUE, value).build(), List.of(x));
    }
    /** Concatenation along {@code axis}. */
    default T concat(int axis, List<T> xs) {
        return xs.size() == 1 ? xs.get(0) : apply(Prims.CONCAT, Attrs.of(Keys.AXIS, axis), xs);
    }
    /** Reverse the order along {@code axes}. */
    default T flip(T x, int... axes) { return apply(Prims.FLIP, Attrs.of(Keys.AXES, normalizeAxes(axes, rank(x))), List.of(x)); }
    /** Insert a size-1 axis at {@code axis}. */
    default T expandDims(T x, int axis) { return reshape(x, shape(x).insert(axis, 1)); }
    /** Remove size-1 axis {@code axis}. */
    default T squeeze(T x, int axis) { return reshape(x, shape(x).without(axis)); }
    /** Stack equal-shaped values along a new axis. */
    default T stack(int axis, List<T> xs) {
        List<T> expanded = new ArrayList<>(xs.size());
        for (T x : xs) expanded.add(expandDims(x, axis));
        return concat(axis, expanded);
    }
    /** Moves axis {@code from} to position {@code to}. */
    default T moveAxis(T x, int from, int to) {
        if (from == to) return x;
        int r = rank(x);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < r; i++) if (i != from) order.add(i);
        order.add(to, from);
        return permute(x, order.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Sums {@code g} down to {@code target} (the inverse of broadcasting): leading extra axes
     * and axes where the target has size 1 are summed. Used by every broadcasting VJP.
     */
    default T sumToShape(T g, Shape target) {
        Shape s = shape(g);
        if (s.equals(target)) return g;
        int lead = s.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && s.dim(i) != 1)) axes.add(i);
        }
        T summed = axes.isEmpty() ? g : sum(g, axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return reshape(summed, target);
    }

    /** Broadcasts {@code x} to the common shape of itself and {@code others}. */
    default T broadcastLike(T x, Shape target) {
        return broadcastTo(x, Broadcasting.broadcast("broadcast_to", shape(x), target));
    }

    // ---- indexing -------------------------------------------------------------------------

    /** {@code out[..i..] = x[..idx[..i..]..]} along {@code axis} (take-along-axis). */
    default T gather(T x, T indices, int axis) { return apply(Prims.GATHER, Attrs.of(Keys.AXIS, axis), List.of(x, indices)); }
    /** {@code x} plus {@code updates} added at {@code indices} along {@code axis}. */
    default T scatterAdd(T x, T indices, T updates, int axis) {
        return apply(Prims.SCATTER_ADD, Attrs.of(Keys.AXIS, axis), List.of(x, indices, updates));
    }

    // ---- contraction and windows ------------------------------------------------------------

    /** Batched matrix product {@code [...,m,k] x [...,k,n]} with broadcasting batch dims. */
    default T matmul(T a, T b) {
        DType common = Promotion.promote(dtype(a), dtype(b));
        return apply(Prims.MATMUL, Attrs.EMPTY, List.of(cast(a, common), cast(b, common)));
    }
    /** General convolution, see {@link Prims#CONV}. */
    default T conv(T lhs, T rhs, int[] strides, int[] padLow, int[] padHigh, int[] lhsDilation, int[] rhsDilation, int groups) {
        return apply(Prims.CONV, Attrs.builder().put(Keys.STRIDES, strides).put(Keys.PAD_LOW, padLow).put(Keys.PAD_HIGH, padHigh)
                .put(Keys.LHS_DILATION, lhsDilation).put(Keys.RHS_DILATION, rhsDilation).put(Keys.GROUPS, groups).build(), List.of(lhs, rhs));
    }
    /** Window attributes shared by the window ops. */
    static Attrs windowAttrs(int[] window, int[] strides, int[] padLow, int[] padHigh) {
        return Attrs.builder().put(Keys.WINDOW, window).put(Keys.STRIDES, strides).put(Keys.PAD_LOW, padLow).put(Keys.PAD_HIGH, padHigh).build();
    }
    /** Sliding-window maximum over every dimension (padding with -inf). */
    default T reduceWindowMax(T x, int[] window, int[] strides, int[] padLow, int[] padHigh) {
        return apply(Prims.REDUCE_WINDOW_MAX, windowAttrs(window, strides, padLow, padHigh), List.of(x));
    }
    /** Sliding-window sum over every dimension (padding with 0). */
    default T reduceWindowSum(T x, int[] window, int[] strides, int[] padLow, int[] padHigh) {
        return apply(Prims.REDUCE_WINDOW_SUM, windowAttrs(window, strides, padLow, padHigh), List.of(x));
    }

    // ---- composites -----------------------------------------------------------------------

    /** Softmax along {@code axis}. */
    default T softmax(T x, int axis) { return apply(Prims.SOFTMAX, Attrs.of(Keys.AXIS, axis < 0 ? axis + rank(x) : axis), List.of(x)); }
    /** Log-softmax along {@code axis}. */
    default T logSoftmax(T x, int axis) { return apply(Prims.LOG_SOFTMAX, Attrs.of(Keys.AXIS, axis < 0 ? axis + rank(x) : axis), List.of(x)); }
    /** log(sum(exp(x))) over {@code axes}, computed stably. */
    default T logsumexp(T x, int[] axes, boolean keepDims) {
        return apply(Prims.LOGSUMEXP, Attrs.of(Keys.AXES, normalizeAxes(axes, rank(x)), Keys.KEEP_DIMS, keepDims), List.of(x));
    }
    /** Mean over {@code axes}. */
    default T mean(T x, int[] axes, boolean keepDims) {
        return apply(Prims.MEAN, Attrs.of(Keys.AXES, normalizeAxes(axes, rank(x)), Keys.KEEP_DIMS, keepDims), List.of(x));
    }
    /** Mean of all elements. */
    default T mean(T x) { return mean(x, allAxes(rank(x)), false); }
    /** Variance over {@code axes} with {@code correction} (0 population, 1 sample). */
    default T variance(T x, int[] axes, boolean keepDims, int correction) {
        return apply(Prims.VARIANCE, Attrs.of(Keys.AXES, normalizeAxes(axes, rank(x)), Keys.KEEP_DIMS, keepDims, Keys.CORRECTION, correction), List.of(x));
    }
    /** Layer norm over the trailing {@code normalizedNdim} dims with affine gamma, beta. */
    default T layerNorm(T x, T gamma, T beta, int normalizedNdim, double eps) {
        return apply(Prims.LAYER_NORM, Attrs.of(Keys.NORMALIZED_NDIM, normalizedNdim, Keys.EPS, eps), List.of(x, gamma, beta));
    }
    /** Training-mode batch norm of {@code [N, C, ...]} with per-channel gamma, beta. */
    default T batchNorm(T x, T gamma, T beta, double eps) {
        return apply(Prims.BATCH_NORM, Attrs.of(Keys.EPS, eps), List.of(x, gamma, beta));
    }
    /** max(x, 0). */ default T relu(T x) { return unary(Prims.RELU, x); }
    /** GELU, exact erf form. */ default T gelu(T x) { return unary(Prims.GELU, x); }
    /** GELU, tanh approximation. */ default T geluTanh(T x) { return unary(Prims.GELU_TANH, x); }
    /** x * logistic(x). */ default T silu(T x) { return unary(Prims.SILU, x); }
    /** {@code x w^T + b} with PyTorch's weight layout {@code [out, in]}. */
    default T linear(T x, T w, T b) { return apply(Prims.LINEAR, Attrs.EMPTY, List.of(x, w, b)); }
    /** Mean cross-entropy of logits {@code [N, C]} against integer labels {@code [N]}. */
    default T crossEntropy(T logits, T labels, double labelSmoothing) {
        return apply(Prims.CROSS_ENTROPY, Attrs.of(Keys.LABEL_SMOOTHING, labelSmoothing), List.of(logits, labels));
    }
    /** Inverted dropout with keep probability {@code 1 - rate}, bits from {@code key}. */
    default T dropout(T x, T key, double rate) { return apply(Prims.DROPOUT, Attrs.of(Keys.RATE, rate), List.of(x, key)); }
    /** Scaled dot-product attention; {@code mask} (bool, true = keep) may be null. */
    default T attention(T q, T k, T v, T mask, double scale, boolean causal) {
        Attrs a = Attrs.of(Keys.SCALE, scale, Keys.CAUSAL, causal);
        return apply(Prims.ATTENTION, a, mask == null ? List.of(q, k, v) : List.of(q, k, v, mask));
    }
}
