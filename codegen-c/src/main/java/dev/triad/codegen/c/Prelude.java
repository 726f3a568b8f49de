package dev.triad.codegen.c;

/**
 * Helper functions every program carries after the dialect's prelude: the storage conversions
 * of BF16 and F16 (in software, so no device half support is needed), the saturating float to
 * integer casts, the integer ops whose C semantics differ from Triad's, NaN-propagating max and
 * min with Java's signed-zero order, {@code pow} with Java's special cases, and the
 * Threefry-2x32 block. Plain C over the dialect's macros and types, so every dialect shares it.
 */
public final class Prelude {
    private Prelude() {}

    /** The helpers for programs that do (or do not) use {@code double}. */
    public static String helpers(boolean fp64) {
        return fp64 ? COMMON + DOUBLE : COMMON;
    }

    private static final String COMMON = """
            /* ---- storage conversions: BF16 and F16 live as 16-bit integers ---- */
            TRI_FN float tri_bf16_to_f32(tri_u16 h) { return TRI_AS_F32(((tri_u32)h) << 16); }
            /* Round to nearest even on the 16 bits dropped; a NaN stays a quiet NaN. */
            TRI_FN tri_u16 tri_f32_to_bf16(float f) {
                tri_u32 x = TRI_AS_U32(f);
                if ((x & 0x7FFFFFFFu) > 0x7F800000u) return (tri_u16)((x >> 16) | 0x40u);
                return (tri_u16)((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
            }
            TRI_FN float tri_f16_to_f32(tri_u16 h) {
                tri_u32 sign = ((tri_u32)h & 0x8000u) << 16;
                tri_u32 e = ((tri_u32)h >> 10) & 0x1Fu, m = (tri_u32)h & 0x3FFu;
                float mag;
                if (e == 0u) mag = (float)m * 5.9604644775390625e-8f; /* subnormal: m * 2^-24, exact */
                else if (e == 31u) mag = TRI_AS_F32(0x7F800000u | (m << 13));
                else mag = TRI_AS_F32(((e + 112u) << 23) | (m << 13));
                return TRI_AS_F32(TRI_AS_U32(mag) | sign);
            }
            /* Round to nearest even. Normal range: rebias the exponent and round the 13 dropped bits
               (a carry ripples into the exponent, up to infinity); below 2^-14 the result is the
               integer nearest to f * 2^24, which rint rounds half to even. */
            TRI_FN tri_u16 tri_f32_to_f16(float f) {
                tri_u32 x = TRI_AS_U32(f);
                tri_u32 sign = (x >> 16) & 0x8000u, ax = x & 0x7FFFFFFFu, h;
                if (ax > 0x7F800000u) h = 0x7E00u | ((ax >> 13) & 0x3FFu);
                else if (ax >= 0x38800000u) {
                    tri_u32 m = ax - 0x38000000u;
                    h = (m + 0x0FFFu + ((m >> 13) & 1u)) >> 13;
                    if (h > 0x7C00u) h = 0x7C00u;
                } else h = (tri_u32)rint(TRI_AS_F32(ax) * 16777216.0f);
                return (tri_u16)(sign | h);
            }
            /* ---- float to integer: truncate toward zero, saturate, NaN gives 0 ---- */
            TRI_FN int tri_f_to_i32(float v) {
                return v != v ? 0 : v >= 0x1p31f ? 2147483647 : v <= -0x1p31f ? (-2147483647 - 1) : (int)v;
            }
            TRI_FN tri_i64 tri_f_to_i64(float v) {
                return v != v ? (tri_i64)0 : v >= 0x1p63f ? (tri_i64)9223372036854775807
                    : v <= -0x1p63f ? (-(tri_i64)9223372036854775807 - 1) : (tri_i64)v;
            }
            TRI_FN tri_u8 tri_f_to_u8(float v) {
                return (tri_u8)(v != v || v <= 0.0f ? 0 : v >= 255.0f ? 255 : (int)v);
            }
            /* ---- integer ops computed on tri_i64; wrapping goes through unsigned arithmetic ---- */
            TRI_FN tri_i64 tri_iadd(tri_i64 a, tri_i64 b) { return (tri_i64)((tri_u64)a + (tri_u64)b); }
            TRI_FN tri_i64 tri_isub(tri_i64 a, tri_i64 b) { return (tri_i64)((tri_u64)a - (tri_u64)b); }
            TRI_FN tri_i64 tri_imul(tri_i64 a, tri_i64 b) { return (tri_i64)((tri_u64)a * (tri_u64)b); }
            TRI_FN tri_i64 tri_ineg(tri_i64 a) { return (tri_i64)((tri_u64)0 - (tri_u64)a); }
            TRI_FN tri_i64 tri_iabs(tri_i64 a) { return a < 0 ? tri_ineg(a) : a; }
            /* x / 0 = -1; MIN / -1 wraps to MIN (as Java's long division does). */
            TRI_FN tri_i64 tri_idiv(tri_i64 a, tri_i64 b) { return b == 0 ? (tri_i64)-1 : b == -1 ? tri_ineg(a) : a / b; }
            /* x rem 0 = x; the remainder has the dividend's sign. */
            TRI_FN tri_i64 tri_irem(tri_i64 a, tri_i64 b) { return b == 0 ? a : b == -1 ? (tri_i64)0 : a % b; }
            TRI_FN tri_i64 tri_isign(tri_i64 a) { return (tri_i64)((a > 0) - (a < 0)); }
            TRI_FN tri_i64 tri_imax(tri_i64 a, tri_i64 b) { return a > b ? a : b; }
            TRI_FN tri_i64 tri_imin(tri_i64 a, tri_i64 b) { return a < b ? a : b; }
            /* ---- float ops with Java's semantics ---- */
            /* NaN propagates; max(-0, +0) = +0 and min(-0, +0) = -0, as Math.max/min give. */
            TRI_FN float tri_maxf(float a, float b) { return a != a ? a : b != b ? b : a > b ? a : b > a ? b : signbit(a) ? b : a; }
            TRI_FN float tri_minf(float a, float b) { return a != a ? a : b != b ? b : a < b ? a : b < a ? b : signbit(a) ? a : b; }
            TRI_FN float tri_signf(float x) { return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x == 0.0f ? 0.0f : x; }
            /* C99 pow gives 1 for pow(1, NaN) and pow(-1, +-inf); Java's Math.pow gives NaN. */
            TRI_FN float tri_powf(float a, float b) { return b != b ? b : (fabs(a) == 1.0f && isinf(b)) ? b - b : pow(a, b); }
            TRI_FN float tri_logisticf(float x) { return 1.0f / (1.0f + exp(-x)); }
            /* Beyond |x| = 9 the float nearest tanh(x) is +-1. Some libraries (PoCL 3.1) stop one ulp
               short, which turns tanh(+-inf) + 1 into a tiny number instead of 0 and breaks the NaN
               of inf * 0 in decompositions such as gelu_tanh. */
            TRI_FN float tri_tanhf(float x) { return fabs(x) >= 9.0f ? copysign(1.0f, x) : tanh(x); }
            /* ---- Threefry-2x32, 20 rounds: (x0 | x1 << 32) for key (k0, k1) and counter (c0, c1) ---- */
            TRI_FN tri_u32 tri_rotl(tri_u32 x, int r) { return (x << r) | (x >> (32 - r)); }
            TRI_FN tri_u64 tri_threefry(tri_u32 k0, tri_u32 k1, tri_u32 c0, tri_u32 c1) {
                tri_u32 k2 = k0 ^ k1 ^ 0x1BD11BDAu, x0 = c0 + k0, x1 = c1 + k1;
                const int ra[4] = {13, 15, 26, 6}, rb[4] = {17, 29, 16, 24};
                tri_u32 ks[3];
                ks[0] = k0; ks[1] = k1; ks[2] = k2;
                for (int g = 0; g < 5; g++) {
                    for (int r = 0; r < 4; r++) {
                        x0 += x1;
                        x1 = tri_rotl(x1, (g & 1) ? rb[r] : ra[r]) ^ x0;
                    }
                    x0 += ks[(g + 1) % 3];
                    x1 += ks[(g + 2) % 3] + (tri_u32)(g + 1);
                }
                return (tri_u64)x0 | ((tri_u64)x1 << 32);
            }
            """;

    private static final String DOUBLE = """
            /* ---- double variants ---- */
            TRI_FN int tri_d_to_i32(double v) {
                return v != v ? 0 : v >= 0x1p31 ? 2147483647 : v <= -0x1p31 ? (-2147483647 - 1) : (int)v;
            }
            TRI_FN tri_i64 tri_d_to_i64(double v) {
                return v != v ? (tri_i64)0 : v >= 0x1p63 ? (tri_i64)9223372036854775807
                    : v <= -0x1p63 ? (-(tri_i64)9223372036854775807 - 1) : (tri_i64)v;
            }
            TRI_FN tri_u8 tri_d_to_u8(double v) {
                return (tri_u8)(v != v || v <= 0.0 ? 0 : v >= 255.0 ? 255 : (int)v);
            }
            TRI_FN double tri_maxd(double a, double b) { return a != a ? a : b != b ? b : a > b ? a : b > a ? b : signbit(a) ? b : a; }
            TRI_FN double tri_mind(double a, double b) { return a != a ? a : b != b ? b : a < b ? a : b < a ? b : signbit(a) ? a : b; }
            TRI_FN double tri_signd(double x) { return x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x == 0.0 ? 0.0 : x; }
            TRI_FN double tri_powd(double a, double b) { return b != b ? b : (fabs(a) == 1.0 && isinf(b)) ? b - b : pow(a, b); }
            TRI_FN double tri_logisticd(double x) { return 1.0 / (1.0 + exp(-x)); }
            TRI_FN double tri_tanhd(double x) { return fabs(x) >= 20.0 ? copysign(1.0, x) : tanh(x); }
            """;
}
