package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The text of literal elements, bit-exact in both directions: floats print the shortest
 * decimal that reads back to the same bits ({@link Double#toString}, {@link Float#toString};
 * BF16 and F16 through the float they widen to exactly), non-finite values as {@code inf},
 * {@code -inf} and {@code nan}, and a NaN whose bits differ from the canonical quiet NaN as
 * {@code nan(0x...)} with its raw bits; integers print as integers and BOOL as
 * {@code true}/{@code false}.
 */
final class LiteralText {
    private LiteralText() {}

    // HostArray is little-endian by contract, whatever the host's order.
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // The bits that "nan" reads as: what converting Java's NaN to each type gives.
    private static final long F64_NAN = Double.doubleToRawLongBits(Double.NaN);
    private static final int F32_NAN = Float.floatToRawIntBits(Float.NaN);
    private static final int BF16_NAN = Elements.floatToBf16(Float.NaN) & 0xFFFF;
    private static final int F16_NAN = Float.floatToFloat16(Float.NaN) & 0xFFFF;

    /** The elements as {@code [a, b, ...]}, row-major; at most {@code max} of them, then {@code ...}. */
    static String format(HostArray a, long max) {
        StringBuilder b = new StringBuilder("[");
        MemorySegment s = a.segment();
        long n = a.numel();
        for (long i = 0; i < n; i++) {
            if (i > 0) b.append(", ");
            if (i >= max) return b.append("...]").toString();
            b.append(element(s, i, a.dtype()));
        }
        return b.append(']').toString();
    }

    private static String element(MemorySegment s, long i, DType t) {
        return switch (t) {
            case F64 -> {
                long bits = s.get(I64, i * 8);
                double d = Double.longBitsToDouble(bits);
                yield Double.isNaN(d) ? nan(bits == F64_NAN, Long.toHexString(bits)) : finiteOrInf(d, Double.toString(d));
            }
            case F32 -> {
                int bits = s.get(I32, i * 4);
                float f = Float.intBitsToFloat(bits);
                yield Float.isNaN(f) ? nan(bits == F32_NAN, Integer.toHexString(bits)) : finiteOrInf(f, Float.toString(f));
            }
            case BF16 -> half(s.get(I16, i * 2), BF16_NAN, Elements.bf16ToFloat(s.get(I16, i * 2)));
            case F16 -> half(s.get(I16, i * 2), F16_NAN, Float.float16ToFloat(s.get(I16, i * 2)));
            case I32 -> Integer.toString(s.get(I32, i * 4));
            case I64 -> Long.toString(s.get(I64, i * 8));
            case U8 -> Integer.toString(s.get(ValueLayout.JAVA_BYTE, i) & 0xFF);
            case BOOL -> s.get(ValueLayout.JAVA_BYTE, i) != 0 ? "true" : "false";
        };
    }

    private static String half(short raw, int canonicalNan, float widened) {
        int bits = raw & 0xFFFF;
        return Float.isNaN(widened) ? nan(bits == canonicalNan, Integer.toHexString(bits)) : finiteOrInf(widened, Float.toString(widened));
    }

    private static String nan(boolean canonical, String hexBits) {
        return canonical ? "nan" : "nan(0x" + hexBits + ")";
    }

    private static String finiteOrInf(double v, String text) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return text;
    }

    /**
     * Reads element {@code i} of {@code target} from {@code token}.
     *
     * @throws IllegalArgumentException with a message for the parser when the token is not a
     *     value of the array's dtype
     */
    static void parseInto(HostArray target, long i, String token) {
        MemorySegment s = target.segment();
        DType t = target.dtype();
        switch (t) {
            case F64 -> {
                Long nan = nanBits(token, t);
                s.set(I64, i * 8, nan != null ? nan : Double.doubleToRawLongBits(parseDouble(token)));
            }
            case F32 -> {
                Long nan = nanBits(token, t);
                s.set(I32, i * 4, nan != null ? nan.intValue() : Float.floatToRawIntBits(parseFloat(token)));
            }
            case BF16 -> {
                Long nan = nanBits(token, t);
                s.set(I16, i * 2, nan != null ? nan.shortValue() : Elements.floatToBf16(parseFloat(token)));
            }
            case F16 -> {
                Long nan = nanBits(token, t);
                s.set(I16, i * 2, nan != null ? nan.shortValue() : Float.floatToFloat16(parseFloat(token)));
            }
            case I32 -> s.set(I32, i * 4, (int) parseInteger(token, Integer.MIN_VALUE, Integer.MAX_VALUE, t));
            case I64 -> s.set(I64, i * 8, parseInteger(token, Long.MIN_VALUE, Long.MAX_VALUE, t));
            case U8 -> s.set(ValueLayout.JAVA_BYTE, i, (byte) parseInteger(token, 0, 255, t));
            case BOOL -> {
                if (!token.equals("true") && !token.equals("false")) throw new IllegalArgumentException("expected true or false, got '" + token + "'");
                s.set(ValueLayout.JAVA_BYTE, i, (byte) (token.equals("true") ? 1 : 0));
            }
        }
    }

    /**
     * The raw bits of a {@code nan(0x...)} token of floating type {@code t}, or null for any other
     * token (plain {@code nan} reads as the canonical NaN through the number parsers).
     */
    private static Long nanBits(String token, DType t) {
        if (!token.startsWith("nan(0x") || !token.endsWith(")")) return null;
        String hex = token.substring(6, token.length() - 1);
        long bits;
        try {
            bits = Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad NaN bits '" + hex + "'; expected hexadecimal digits");
        }
        int width = t.byteSize() * 8;
        if (width < 64 && (bits >>> width) != 0) throw new IllegalArgumentException("NaN bits 0x" + hex + " do not fit " + t);
        boolean isNan = switch (t) {
            case F64 -> Double.isNaN(Double.longBitsToDouble(bits));
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) bits));
            case BF16 -> Float.isNaN(Elements.bf16ToFloat((short) bits));
            default -> Float.isNaN(Float.float16ToFloat((short) bits));
        };
        if (!isNan) throw new IllegalArgumentException("bits 0x" + hex + " are not a NaN of " + t);
        return bits;
    }

    private static double parseDouble(String token) {
        return switch (token) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, inf, -inf or nan, got '" + token + "'");
                }
            }
        };
    }

    private static float parseFloat(String token) {
        return switch (token) {
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            case "nan" -> Float.NaN;
            default -> {
                try {
                    // Straight to float: going through double could round twice.
                    yield Float.parseFloat(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, inf, -inf or nan, got '" + token + "'");
                }
            }
        };
    }

    private static long parseInteger(String token, long min, long max, DType t) {
        long v;
        try {
            v = Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer for " + t + ", got '" + token + "'");
        }
        if (v < min || v > max) throw new IllegalArgumentException("value " + v + " does not fit " + t + " (" + min + " to " + max + ")");
        return v;
    }
}
