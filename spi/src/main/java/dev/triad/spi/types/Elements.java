package dev.triad.spi.types;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reading and writing single elements of any {@link DType} in little-endian memory, and the
 * conversions between types. Host arrays and the CPU backend share this one definition of
 * what each type's bits mean (BF16 and F16 rounding, bool as 0/1, saturating float to int).
 */
public final class Elements {
    private Elements() {}

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    /** Element {@code index} (in elements) of {@code seg} as a double. */
    public static double getDouble(MemorySegment seg, long index, DType t) {
        long o = index * t.byteSize();
        return switch (t) {
            case F32 -> seg.get(F32, o);
            case F64 -> seg.get(F64, o);
            case BF16 -> bf16ToFloat(seg.get(I16, o));
            case F16 -> Float.float16ToFloat(seg.get(I16, o));
            case I32 -> seg.get(I32, o);
            case I64 -> seg.get(I64, o);
            case U8 -> seg.get(ValueLayout.JAVA_BYTE, o) & 0xFF;
            case BOOL -> seg.get(ValueLayout.JAVA_BYTE, o) != 0 ? 1.0 : 0.0;
        };
    }

    /** Element {@code index} of {@code seg} as a long (floats truncate toward zero, saturating). */
    public static long getLong(MemorySegment seg, long index, DType t) {
        long o = index * t.byteSize();
        return switch (t) {
            case I32 -> seg.get(I32, o);
            case I64 -> seg.get(I64, o);
            case U8 -> seg.get(ValueLayout.JAVA_BYTE, o) & 0xFF;
            case BOOL -> seg.get(ValueLayout.JAVA_BYTE, o) != 0 ? 1 : 0;
            default -> (long) getDouble(seg, index, t);
        };
    }

    /** Writes {@code v} converted to {@code t} at element {@code index}. */
    public static void setDouble(MemorySegment seg, long index, DType t, double v) {
        long o = index * t.byteSize();
        switch (t) {
            case F32 -> seg.set(F32, o, (float) v);
            case F64 -> seg.set(F64, o, v);
            case BF16 -> seg.set(I16, o, floatToBf16((float) v));
            case F16 -> seg.set(I16, o, Float.floatToFloat16((float) v));
            case I32 -> seg.set(I32, o, (int) v);
            case I64 -> seg.set(I64, o, (long) v);
            case U8 -> seg.set(ValueLayout.JAVA_BYTE, o, (byte) toU8(v));
            case BOOL -> seg.set(ValueLayout.JAVA_BYTE, o, (byte) (v != 0 ? 1 : 0));
        }
    }

    /** Writes {@code v} converted to {@code t} at element {@code index} (exact for integer types). */
    public static void setLong(MemorySegment seg, long index, DType t, long v) {
        long o = index * t.byteSize();
        switch (t) {
            case I32 -> seg.set(I32, o, (int) v);
            case I64 -> seg.set(I64, o, v);
            case U8 -> seg.set(ValueLayout.JAVA_BYTE, o, (byte) v);
            case BOOL -> seg.set(ValueLayout.JAVA_BYTE, o, (byte) (v != 0 ? 1 : 0));
            default -> setDouble(seg, index, t, (double) v);
        }
    }

    /** Saturating double to u8 (NaN gives 0), as a float-to-integer cast does. */
    public static int toU8(double v) {
        if (Double.isNaN(v) || v <= 0) return 0;
        return v >= 255 ? 255 : (int) v;
    }

    /** BF16 bits to float (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Float to BF16 bits, rounding to nearest even; NaN stays a quiet NaN. */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x0040);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** {@code v} rounded to what type {@code t} can hold (the value a cast to t and back gives). */
    public static double roundTo(DType t, double v) {
        return switch (t) {
            case F32 -> (float) v;
            case F64 -> v;
            case BF16 -> bf16ToFloat(floatToBf16((float) v));
            case F16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case I32 -> (int) v;
            case I64 -> (long) v;
            case U8 -> toU8(v);
            case BOOL -> v != 0 ? 1 : 0;
        };
    }
}
