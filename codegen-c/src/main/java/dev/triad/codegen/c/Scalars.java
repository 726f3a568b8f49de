package dev.triad.codegen.c;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.Map;
import java.util.Set;

/**
 * The scalar semantics of every elementwise primitive as C expressions over compute-type
 * values ({@link CTypes#compute}); the single definition both the one-op kernels and fused
 * kernels use, and the one place that must agree with the CPU backend and
 * {@link dev.triad.spi.types.Elements}:
 * integer division by zero gives -1 and remainder by zero the dividend; rem is C's fmod;
 * max/min propagate NaN; round is half to even ({@code rint}); sign(NaN) is NaN; and/or/not are
 * logical on BOOL and bitwise on integers; integer arithmetic wraps.
 *
 * <p>Arguments should be side-effect free; helpers in {@link Prelude} evaluate each once.
 */
public final class Scalars {
    private Scalars() {}

    private static final Set<Primitive> COMPARISONS = Set.of(Prims.EQ, Prims.NE, Prims.LT, Prims.LE, Prims.GT, Prims.GE);
    private static final Map<Primitive, String> C_COMPARE = Map.of(Prims.EQ, "==", Prims.NE, "!=", Prims.LT, "<", Prims.LE, "<=", Prims.GT, ">", Prims.GE, ">=");

    /** True for the comparisons, whose result is BOOL. */
    public static boolean isComparison(Primitive p) { return COMPARISONS.contains(p); }

    /** The result dtype of elementwise {@code p} on inputs of {@code t}. */
    public static DType resultType(Primitive p, DType t) { return isComparison(p) ? DType.BOOL : t; }

    /** {@code p(x)} for a compute value of dtype {@code t}; the result has {@code t}'s compute type. */
    public static String unary(Primitive p, DType t, String x) {
        boolean fl = t.isFloating();
        String sfx = t == DType.F64 ? "d" : "f";
        String one = CTypes.literal(t, 1);
        if (!fl) {
            if (p == Prims.NEG) return "tri_ineg(" + x + ")";
            if (p == Prims.ABS) return "tri_iabs(" + x + ")";
            if (p == Prims.SIGN) return "tri_isign(" + x + ")";
            if (p == Prims.NOT) return t == DType.BOOL ? "(tri_i64)((" + x + ") == 0)" : "(~(" + x + "))";
            throw unsupported(p, t);
        }
        if (p == Prims.NEG) return "(-(" + x + "))";
        if (p == Prims.ABS) return "fabs(" + x + ")";
        if (p == Prims.SIGN) return "tri_sign" + sfx + "(" + x + ")";
        if (p == Prims.EXP) return "exp(" + x + ")";
        if (p == Prims.LOG) return "log(" + x + ")";
        if (p == Prims.LOG1P) return "log1p(" + x + ")";
        if (p == Prims.EXPM1) return "expm1(" + x + ")";
        if (p == Prims.SQRT) return "sqrt(" + x + ")";
        // Exactly 1 / sqrt(x), as the CPU backend computes it, not a hardware estimate.
        if (p == Prims.RSQRT) return "(" + one + " / sqrt(" + x + "))";
        if (p == Prims.SIN) return "sin(" + x + ")";
        if (p == Prims.COS) return "cos(" + x + ")";
        if (p == Prims.TANH) return "tri_tanh" + sfx + "(" + x + ")";
        if (p == Prims.LOGISTIC) return "tri_logistic" + sfx + "(" + x + ")";
        if (p == Prims.ERF) return "erf(" + x + ")";
        if (p == Prims.RECIPROCAL) return "(" + one + " / (" + x + "))";
        if (p == Prims.FLOOR) return "floor(" + x + ")";
        if (p == Prims.CEIL) return "ceil(" + x + ")";
        if (p == Prims.ROUND) return "rint(" + x + ")";
        throw unsupported(p, t);
    }

    /**
     * {@code p(a, b)} for compute values of dtype {@code t}: arithmetic results have {@code t}'s
     * compute type, comparisons give a {@code tri_i64} 0 or 1 (BOOL's compute form).
     */
    public static String binary(Primitive p, DType t, String a, String b) {
        if (isComparison(p)) return "(tri_i64)((" + a + ") " + C_COMPARE.get(p) + " (" + b + "))";
        boolean fl = t.isFloating();
        String sfx = t == DType.F64 ? "d" : "f";
        if (!fl) {
            if (p == Prims.ADD) return "tri_iadd(" + a + ", " + b + ")";
            if (p == Prims.SUB) return "tri_isub(" + a + ", " + b + ")";
            if (p == Prims.MUL) return "tri_imul(" + a + ", " + b + ")";
            if (p == Prims.DIV) return "tri_idiv(" + a + ", " + b + ")";
            if (p == Prims.REM) return "tri_irem(" + a + ", " + b + ")";
            if (p == Prims.MAX) return "tri_imax(" + a + ", " + b + ")";
            if (p == Prims.MIN) return "tri_imin(" + a + ", " + b + ")";
            // On BOOL's 0 and 1 the bitwise ops are the logical ones.
            if (p == Prims.AND) return "((" + a + ") & (" + b + "))";
            if (p == Prims.OR) return "((" + a + ") | (" + b + "))";
            throw unsupported(p, t);
        }
        if (p == Prims.ADD) return "((" + a + ") + (" + b + "))";
        if (p == Prims.SUB) return "((" + a + ") - (" + b + "))";
        if (p == Prims.MUL) return "((" + a + ") * (" + b + "))";
        if (p == Prims.DIV) return "((" + a + ") / (" + b + "))";
        if (p == Prims.POW) return "tri_pow" + sfx + "(" + a + ", " + b + ")";
        if (p == Prims.MAX) return "tri_max" + sfx + "(" + a + ", " + b + ")";
        if (p == Prims.MIN) return "tri_min" + sfx + "(" + a + ", " + b + ")";
        if (p == Prims.REM) return "fmod(" + a + ", " + b + ")";
        throw unsupported(p, t);
    }

    /** The two-input combine of a reduction: sum, prod, max or min, in {@code t}'s compute type. */
    public static String combine(Primitive reduction, DType t, String acc, String v) {
        Primitive op = reduction == Prims.REDUCE_SUM ? Prims.ADD : reduction == Prims.REDUCE_PROD ? Prims.MUL
                : reduction == Prims.REDUCE_MAX ? Prims.MAX : reduction == Prims.REDUCE_MIN ? Prims.MIN : null;
        if (op == null) throw unsupported(reduction, t);
        return binary(op, t, acc, v);
    }

    /** The identity of a reduction in {@code t}'s compute type (max/min never reduce an empty axis, so their identity is only a start value). */
    public static String identity(Primitive reduction, DType t) {
        boolean fl = t.isFloating();
        if (reduction == Prims.REDUCE_SUM) return CTypes.literal(t, 0);
        if (reduction == Prims.REDUCE_PROD) return CTypes.literal(t, 1);
        if (reduction == Prims.REDUCE_MAX) return fl ? CTypes.literal(t, Double.NEGATIVE_INFINITY) : CTypes.longLiteral(Long.MIN_VALUE);
        if (reduction == Prims.REDUCE_MIN) return fl ? CTypes.literal(t, Double.POSITIVE_INFINITY) : CTypes.longLiteral(Long.MAX_VALUE);
        throw unsupported(reduction, t);
    }

    private static IllegalArgumentException unsupported(Primitive p, DType t) {
        return new IllegalArgumentException("no C expression for " + p + " on " + t + " (the op's shape rule rejects it)");
    }
}
