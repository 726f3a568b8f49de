package dev.triad.backend.cpu.gen;

import java.util.Locale;

/**
 * The ops a generated chain can contain, each emitted as the very Vector API expression the
 * unfused kernels ({@code kernels.UnaryFn}, {@code kernels.BinaryFn}, {@code where},
 * {@code cast}) evaluate, so a generated chain rounds exactly as the ops run one by one.
 * BOOL values live in the float lane as 1 and 0, as in the unfused F32 kernels.
 *
 * <p>Ops the Vector API lacks (sign, floor, ceil, round, erf, pow, rem, the integer and
 * bitwise ops) are not here: a group holding one of them runs on the fallback path.
 */
public enum ChainOp {
    /** {@code -a}. */ NEG(1, 0.3),
    /** {@code |a|}. */ ABS(1, 0.3),
    /** {@code sqrt(a)}. */ SQRT(1, 1),
    /** {@code 1 / sqrt(a)}, exactly (no reciprocal-square-root estimate). */ RSQRT(1, 1),
    /** {@code 1 / a}. */ RECIPROCAL(1, 0.5),
    /** {@code e^a}. */ EXP(1, 2),
    /** {@code ln a}. */ LOG(1, 2),
    /** {@code ln(1 + a)}. */ LOG1P(1, 2),
    /** {@code e^a - 1}. */ EXPM1(1, 2),
    /** {@code sin a}. */ SIN(1, 2),
    /** {@code cos a}. */ COS(1, 2),
    /** {@code tanh a}. */ TANH(1, 2),
    /** {@code 1 / (1 + e^-a)}. */ LOGISTIC(1, 2),
    /** {@code a + b}. */ ADD(2, 0.3),
    /** {@code a - b}. */ SUB(2, 0.3),
    /** {@code a * b}. */ MUL(2, 0.3),
    /** {@code a / b}. */ DIV(2, 0.5),
    /** {@code max(a, b)}, NaN propagating. */ MAX(2, 0.3),
    /** {@code min(a, b)}, NaN propagating. */ MIN(2, 0.3),
    /**
     * {@code max(a, s)} where {@code s}, the second operand, is one value for the whole call
     * that is neither NaN nor -0.0 (a ReLU's 0, a clamp's bound): then {@code a <= s ? s : a}
     * equals {@link #MAX} bit for bit (NaN stays NaN, -0.0 becomes +0.0) in a compare and a
     * blend, where {@code max} must sort out NaN and the sign of zero in about three times
     * as many instructions.
     */
    MAX_SCALAR(2, 0.15),
    /**
     * {@code min(a, s)} where {@code s}, the second operand, is one value for the whole call
     * that is neither NaN nor -0.0: then {@code a > s ? s : a} equals {@link #MIN} bit for bit.
     */
    MIN_SCALAR(2, 0.15),
    /** {@code a == b} as 1 or 0. */ EQ(2, 0.3),
    /** {@code a != b} as 1 or 0. */ NE(2, 0.3),
    /** {@code a < b} as 1 or 0. */ LT(2, 0.3),
    /** {@code a <= b} as 1 or 0. */ LE(2, 0.3),
    /** {@code a > b} as 1 or 0. */ GT(2, 0.3),
    /** {@code a >= b} as 1 or 0. */ GE(2, 0.3),
    /** {@code c != 0 ? p : q}. */ WHERE(3, 0.3),
    /** cast to BOOL: 1 where {@code a != 0} (NaN included), else 0. */ TO_BOOL(1, 0.3),
    /** A cast that changes no lane value (same lane type, or BOOL to float). */ COPY(1, 0.1);

    private final int arity;
    private final double costNs;

    ChainOp(int arity, double costNs) {
        this.arity = arity;
        this.costNs = costNs;
    }

    /** The number of operands. */
    public int arity() { return arity; }

    /** Rough single-core nanoseconds per element, for the parallel split. */
    public double costNs() { return costNs; }

    /** True for the six comparisons. */
    public boolean isComparison() { return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal(); }

    /**
     * The chain op of a unary or binary primitive's name (e.g. {@code "mul"}), or null when
     * the generator has none.
     */
    public static ChainOp ofPrimitive(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (ChainOp op : values()) {
            if (op != WHERE && op != TO_BOOL && op != COPY && op != MAX_SCALAR && op != MIN_SCALAR && op.name().equals(upper)) return op;
        }
        return null;
    }
}
