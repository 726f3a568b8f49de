package dev.triad.spi.prims;

import dev.triad.spi.ops.Primitive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of every primitive and composite of the op IR. Each constant is declared once,
 * with its rules, in the family class it references; this class only lists them.
 *
 * <p>Conventions shared by all ops: axes attributes are non-negative and sorted (the
 * {@link dev.triad.spi.ops.Ops} helpers normalise them); binary ops require one dtype and
 * broadcast shapes; every op has exactly one result.
 */
public final class Prims {
    private Prims() {}

    // unary elementwise
    /** {@code -x}. */ public static final Primitive NEG = UnaryMath.NEG;
    /** {@code |x|}. */ public static final Primitive ABS = UnaryMath.ABS;
    /** Sign: -1, 0 or 1; NaN stays NaN. */ public static final Primitive SIGN = UnaryMath.SIGN;
    /** e^x. */ public static final Primitive EXP = UnaryMath.EXP;
    /** Natural log. */ public static final Primitive LOG = UnaryMath.LOG;
    /** ln(1 + x). */ public static final Primitive LOG1P = UnaryMath.LOG1P;
    /** e^x - 1. */ public static final Primitive EXPM1 = UnaryMath.EXPM1;
    /** Square root. */ public static final Primitive SQRT = UnaryMath.SQRT;
    /** 1 / sqrt(x). */ public static final Primitive RSQRT = UnaryMath.RSQRT;
    /** Sine. */ public static final Primitive SIN = UnaryMath.SIN;
    /** Cosine. */ public static final Primitive COS = UnaryMath.COS;
    /** tanh. */ public static final Primitive TANH = UnaryMath.TANH;
    /** Logistic sigmoid. */ public static final Primitive LOGISTIC = UnaryMath.LOGISTIC;
    /** Error function. */ public static final Primitive ERF = UnaryMath.ERF;
    /** 1 / x. */ public static final Primitive RECIPROCAL = UnaryMath.RECIPROCAL;
    /** Round toward -inf. */ public static final Primitive FLOOR = UnaryMath.FLOOR;
    /** Round toward +inf. */ public static final Primitive CEIL = UnaryMath.CEIL;
    /** Round half to even. */ public static final Primitive ROUND = UnaryMath.ROUND;
    /** Logical not (bool), bitwise not (integers). */ public static final Primitive NOT = UnaryMath.NOT;

    // binary elementwise
    /** a + b. */ public static final Primitive ADD = BinaryMath.ADD;
    /** a - b. */ public static final Primitive SUB = BinaryMath.SUB;
    /** a * b. */ public static final Primitive MUL = BinaryMath.MUL;
    /** a / b (integers: truncating; x / 0 = -1). */ public static final Primitive DIV = BinaryMath.DIV;
    /** a ^ b (floats). */ public static final Primitive POW = BinaryMath.POW;
    /** max(a, b), NaN propagating. */ public static final Primitive MAX = BinaryMath.MAX;
    /** min(a, b), NaN propagating. */ public static final Primitive MIN = BinaryMath.MIN;
    /** C fmod: sign of the dividend (integers: x rem 0 = x). */ public static final Primitive REM = BinaryMath.REM;
    /** a == b (bool). */ public static final Primitive EQ = BinaryMath.EQ;
    /** a != b (bool). */ public static final Primitive NE = BinaryMath.NE;
    /** a &lt; b (bool). */ public static final Primitive LT = BinaryMath.LT;
    /** a &lt;= b (bool). */ public static final Primitive LE = BinaryMath.LE;
    /** a &gt; b (bool). */ public static final Primitive GT = BinaryMath.GT;
    /** a &gt;= b (bool). */ public static final Primitive GE = BinaryMath.GE;
    /** Logical (bool) / bitwise (integers) and. */ public static final Primitive AND = BinaryMath.AND;
    /** Logical (bool) / bitwise (integers) or. */ public static final Primitive OR = BinaryMath.OR;

    // select and cast
    /** where(cond, x, y). */ public static final Primitive WHERE = SelectAndCast.WHERE;
    /** cast {dtype}. */ public static final Primitive CAST = SelectAndCast.CAST;

    // reductions
    /** reduce_sum {axes, keep_dims}. */ public static final Primitive REDUCE_SUM = Reductions.REDUCE_SUM;
    /** reduce_max {axes, keep_dims}. */ public static final Primitive REDUCE_MAX = Reductions.REDUCE_MAX;
    /** reduce_min {axes, keep_dims}. */ public static final Primitive REDUCE_MIN = Reductions.REDUCE_MIN;
    /** reduce_prod {axes, keep_dims}. */ public static final Primitive REDUCE_PROD = Reductions.REDUCE_PROD;
    /** argmax {axis, keep_dims} to i64. */ public static final Primitive ARGMAX = Reductions.ARGMAX;
    /** argmin {axis, keep_dims} to i64. */ public static final Primitive ARGMIN = Reductions.ARGMIN;

    // movement
    /** reshape {shape}: same element count, row-major order. */ public static final Primitive RESHAPE = Movement.RESHAPE;
    /** permute {perm}: result axis i is input axis perm[i]. */ public static final Primitive PERMUTE = Movement.PERMUTE;
    /** broadcast_to {shape}: NumPy broadcasting. */ public static final Primitive BROADCAST_TO = Movement.BROADCAST_TO;
    /** slice {start, stop, step}: per dimension, 0 &lt;= start &lt;= stop &lt;= dim, step &gt;= 1. */ public static final Primitive SLICE = Movement.SLICE;
    /** pad {low, high, interior, value}: constant padding; negative low/high crop. */ public static final Primitive PAD = Movement.PAD;
    /** concat {axis}: one or more inputs of one dtype, equal except along axis. */ public static final Primitive CONCAT = Movement.CONCAT;
    /** flip {axes}: reverse along axes. */ public static final Primitive FLIP = Movement.FLIP;

    // indexing
    /**
     * gather {axis} (operand, indices: i32/i64): take-along-axis; indices have the operand's
     * rank and its sizes except along axis; the result has the indices' shape. Indices out of
     * {@code [0, dim)} raise {@link dev.triad.spi.error.IndexOutOfRangeException}.
     */
    public static final Primitive GATHER = Indexing.GATHER;
    /** scatter_add {axis} (operand, indices, updates): the transpose of gather; updates have the indices' shape. */
    public static final Primitive SCATTER_ADD = Indexing.SCATTER_ADD;

    // contraction and windows
    /** matmul: [..., m, k] x [..., k, n] with broadcasting batch dims; both rank &gt;= 2. */
    public static final Primitive MATMUL = Contraction.MATMUL;
    /**
     * conv {strides, pad_low, pad_high, lhs_dilation, rhs_dilation, groups}: lhs [N, C, s...],
     * rhs [O, C/groups, k...], result [N, O, o...] with
     * {@code o = floor((dil(s, lhs_d) + lo + hi - dil(k, rhs_d)) / stride) + 1},
     * {@code dil(n, d) = n == 0 ? 0 : (n - 1) * d + 1}; padding may be negative.
     */
    public static final Primitive CONV = Contraction.CONV;
    /** reduce_window_max {window, strides, pad_low, pad_high}: windows over every dimension, padding with -inf. */
    public static final Primitive REDUCE_WINDOW_MAX = Windows.REDUCE_WINDOW_MAX;
    /** reduce_window_sum {window, strides, pad_low, pad_high}: windows over every dimension, padding with 0. */
    public static final Primitive REDUCE_WINDOW_SUM = Windows.REDUCE_WINDOW_SUM;
    /**
     * select_and_scatter_add {window, strides, pad_low, pad_high} (source, operand): for each
     * window of operand, adds the source element at the window's position to the first maximum
     * of the window; result has the operand's shape. The gradient of reduce_window_max.
     */
    public static final Primitive SELECT_AND_SCATTER_ADD = Windows.SELECT_AND_SCATTER_ADD;
    /**
     * select_and_gather {window, strides, pad_low, pad_high} (tangent, operand): for each window
     * of operand, the tangent's value at the window's first maximum; result has the windowed
     * shape. The transpose of select_and_scatter_add.
     */
    public static final Primitive SELECT_AND_GATHER = Windows.SELECT_AND_GATHER;

    // creation
    /** full {shape, dtype, value}: no inputs. */ public static final Primitive FULL = Creation.FULL;
    /** iota {shape, dtype, axis}: each element is its index along axis. */ public static final Primitive IOTA = Creation.IOTA;
    /**
     * random_bits {shape} (key: i32[2]): Threefry-2x32 (20 rounds) of the counters
     * 0..n-1, split in halves as JAX does; the result is i32 holding the raw 32 bits.
     */
    public static final Primitive RANDOM_BITS = Creation.RANDOM_BITS;

    // composites
    /** softmax {axis}. */ public static final Primitive SOFTMAX = Composites.SOFTMAX;
    /** log_softmax {axis}. */ public static final Primitive LOG_SOFTMAX = Composites.LOG_SOFTMAX;
    /** logsumexp {axes, keep_dims}. */ public static final Primitive LOGSUMEXP = Composites.LOGSUMEXP;
    /** mean {axes, keep_dims}. */ public static final Primitive MEAN = Composites.MEAN;
    /** variance {axes, keep_dims, correction}. */ public static final Primitive VARIANCE = Composites.VARIANCE;
    /** layer_norm {normalized_ndim, eps} (x, gamma, beta): gamma and beta have x's trailing shape. */
    public static final Primitive LAYER_NORM = Composites.LAYER_NORM;
    /** batch_norm {eps} (x [N, C, ...], gamma [C], beta [C]): training-mode statistics over all axes but 1. */
    public static final Primitive BATCH_NORM = Composites.BATCH_NORM;
    /** max(x, 0). */ public static final Primitive RELU = Composites.RELU;
    /** x * Phi(x), exact erf form. */ public static final Primitive GELU = Composites.GELU;
    /** GELU, tanh approximation. */ public static final Primitive GELU_TANH = Composites.GELU_TANH;
    /** x * logistic(x). */ public static final Primitive SILU = Composites.SILU;
    /** linear (x [..., in], w [out, in], b [out]) = x w^T + b. */ public static final Primitive LINEAR = Composites.LINEAR;
    /** cross_entropy {label_smoothing} (logits [N, C], labels i32/i64 [N]): mean over N. */
    public static final Primitive CROSS_ENTROPY = Composites.CROSS_ENTROPY;
    /** cross_entropy_grad {label_smoothing} (logits [N, C], labels [N], g []): (softmax(logits) - target) * g / N, cross_entropy's VJP. */
    public static final Primitive CROSS_ENTROPY_GRAD = Composites.CROSS_ENTROPY_GRAD;
    /** dropout {rate} (x, key i32[2]): inverted dropout, keep probability 1 - rate. */
    public static final Primitive DROPOUT = Composites.DROPOUT;
    /**
     * attention {scale, causal} (q [..., Lq, D], k [..., Lk, D], v [..., Lk, Dv], optional mask
     * bool broadcastable to [..., Lq, Lk], true = attend): softmax(q k^T * scale) v; scale 0
     * means 1/sqrt(D).
     */
    public static final Primitive ATTENTION = Composites.ATTENTION;
    /** scaled_add {alpha} (a, b) = a + alpha * b, b broadcast to a's shape: the optimizer update. */
    public static final Primitive SCALED_ADD = Composites.SCALED_ADD;

    private static final Map<String, Primitive> BY_NAME = index();

    private static Map<String, Primitive> index() {
        Map<String, Primitive> m = new LinkedHashMap<>();
        for (java.lang.reflect.Field f : Prims.class.getDeclaredFields()) {
            if (f.getType() == Primitive.class) {
                try {
                    Primitive p = (Primitive) f.get(null);
                    if (m.put(p.name(), p) != null) throw new IllegalStateException("duplicate primitive name " + p.name());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every built-in primitive and composite, in declaration order (custom ops are listed by {@link dev.triad.spi.custom.CustomOps#all()}). */
    public static List<Primitive> all() { return List.copyOf(BY_NAME.values()); }

    /**
     * The primitive called {@code name}: a built-in one, else a registered
     * {@link dev.triad.spi.custom.CustomOp custom op}; null when there is none.
     */
    public static Primitive byName(String name) {
        Primitive p = BY_NAME.get(name);
        return p != null ? p : dev.triad.spi.custom.CustomOps.byName(name);
    }

    /** The built-in primitive called {@code name} (custom ops excluded), or null. */
    public static Primitive builtin(String name) { return BY_NAME.get(name); }
}
