package dev.triad.codegen.c;

import dev.triad.spi.types.DType;

/**
 * How each {@link DType} lives in kernel code: its storage type in memory, the type arithmetic
 * on it is carried out in, and the conversions between them. The conversions reproduce
 * {@link dev.triad.spi.types.Elements} bit for bit: floats to integers truncate toward zero,
 * saturate and map NaN to 0; integers wrap; anything to BOOL is {@code != 0} (NaN included);
 * F32 to BF16/F16 rounds to nearest even.
 *
 * <p>Compute types: F32 computes in {@code float}, F64 in {@code double}, BF16 and F16 in
 * {@code float} (as the design says), and every integer type and BOOL in {@code tri_i64}, as
 * the CPU backend's integer lane does, so that overflow, division and wrapping give the same
 * bits on every backend (signed overflow itself is avoided with unsigned arithmetic, see
 * {@link Scalars}).
 */
public final class CTypes {
    private CTypes() {}

    /** The C type of one element in memory. */
    public static String storage(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case BF16, F16 -> "tri_u16";
            case I32 -> "int";
            case I64 -> "tri_i64";
            case U8, BOOL -> "tri_u8";
        };
    }

    /** The C type arithmetic on {@code t} is carried out in. */
    public static String compute(DType t) {
        return switch (t) {
            case F64 -> "double";
            case F32, BF16, F16 -> "float";
            default -> "tri_i64";
        };
    }

    /** The dtype whose compute type {@code t} shares and that names it in kernel names. */
    public static DType computeDType(DType t) {
        return switch (t) {
            case F64 -> DType.F64;
            case F32, BF16, F16 -> DType.F32;
            default -> DType.I64;
        };
    }

    /** True when {@code t} computes in a floating type. */
    public static boolean floatCompute(DType t) { return t.isFloating(); }

    /** Whether code touching {@code t} needs the device's fp64 support. */
    public static boolean needsFp64(DType t) { return t == DType.F64; }

    /** An expression of {@link #compute(DType)} type reading storage expression {@code raw} of type {@code t}. */
    public static String load(DType t, String raw) {
        return switch (t) {
            case F32, F64, I64 -> raw;
            case BF16 -> "tri_bf16_to_f32(" + raw + ")";
            case F16 -> "tri_f16_to_f32(" + raw + ")";
            case I32, U8 -> "(tri_i64)(" + raw + ")";
            case BOOL -> "(tri_i64)((" + raw + ") != 0)";
        };
    }

    /**
     * An expression of {@link #storage(DType)} type of {@code to} holding the compute value
     * {@code e} of a {@code from} element converted as a cast converts it.
     */
    public static String store(DType from, DType to, String e) {
        if (to == DType.BOOL) return "(tri_u8)((" + e + ") != 0)";
        if (floatCompute(from)) {
            String fn = from == DType.F64 ? "d" : "f";
            return switch (to) {
                case F32 -> "(float)(" + e + ")";
                case F64 -> "(double)(" + e + ")";
                case BF16 -> "tri_f32_to_bf16((float)(" + e + "))";
                case F16 -> "tri_f32_to_f16((float)(" + e + "))";
                case I32 -> "tri_" + fn + "_to_i32(" + e + ")";
                case I64 -> "tri_" + fn + "_to_i64(" + e + ")";
                case U8 -> "tri_" + fn + "_to_u8(" + e + ")";
                case BOOL -> throw new IllegalStateException("handled above");
            };
        }
        return switch (to) {
            case F32 -> "(float)(" + e + ")";
            case F64 -> "(double)(" + e + ")";
            case BF16 -> "tri_f32_to_bf16((float)(" + e + "))";
            case F16 -> "tri_f32_to_f16((float)(" + e + "))";
            // Truncation to a narrower integer keeps the low bits (two's complement), as Java's casts do.
            case I32 -> "(int)(tri_u32)(tri_u64)(" + e + ")";
            case I64 -> "(tri_i64)(" + e + ")";
            case U8 -> "(tri_u8)(tri_u64)(" + e + ")";
            case BOOL -> throw new IllegalStateException("handled above");
        };
    }

    /** A compute value of {@code from} converted to the compute type of {@code to}, exactly as a cast (store, then load) would. */
    public static String convert(DType from, DType to, String e) {
        return from == to ? e : load(to, store(from, to, e));
    }

    /**
     * A compute value {@code e} of type {@code t} rounded to what {@code t} can hold: the value a
     * kernel would read back after storing it. Fused kernels apply it after every op so that a
     * chain gives the bits the ops would give one by one (I32 wraps, BF16 rounds, ...).
     */
    public static String roundTo(DType t, String e) {
        return switch (t) {
            case F32, F64, I64 -> e;
            default -> load(t, store(t, t, e));
        };
    }

    /** A literal of compute type of {@code t} with value {@code v} (integers: truncated toward zero). */
    public static String literal(DType t, double v) {
        DType c = computeDType(t);
        if (c == DType.I64) return longLiteral((long) v);
        if (Double.isNaN(v)) return c == DType.F64 ? "(0.0/0.0)" : "(0.0f/0.0f)";
        if (Double.isInfinite(v)) {
            String inf = c == DType.F64 ? "(1.0/0.0)" : "(1.0f/0.0f)";
            return v > 0 ? inf : "(-" + inf + ")";
        }
        if (c == DType.F64) return "((double)" + hexDouble(v) + ")";
        return "((float)" + hexDouble((float) v) + "f)";
    }

    /** A 64-bit integer literal that is valid C for every value, Long.MIN_VALUE included. */
    public static String longLiteral(long v) {
        if (v == Long.MIN_VALUE) return "(-(tri_i64)9223372036854775807 - (tri_i64)1)";
        return v < 0 ? "(-(tri_i64)" + (-v) + ")" : "((tri_i64)" + v + ")";
    }

    /**
     * {@code v} as a C99 hexadecimal floating literal (exact, locale-free), e.g. {@code 0x1.8p+1};
     * without suffix it is a double literal, so float callers append {@code f}.
     */
    static String hexDouble(double v) {
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        String h = Double.toHexString(Math.abs(v)); // 0x1.8p1 or 0x0.0000000000001p-1022
        int p = h.indexOf('p');
        String mant = h.substring(0, p), exp = h.substring(p + 1);
        if (!exp.startsWith("-")) exp = "+" + exp;
        return (v < 0 ? "-" : "") + mant + "p" + exp;
    }
}
