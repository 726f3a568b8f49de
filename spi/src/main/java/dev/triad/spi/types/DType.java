package dev.triad.spi.types;

import java.util.Locale;

/**
 * Element types. F32 is the main compute type, F64 the reference and gradient-check type;
 * BF16 and F16 are storage types whose arithmetic runs in F32.
 */
public enum DType {
    /** 32-bit IEEE float. */
    F32(4, Kind.FLOAT, 2),
    /** 64-bit IEEE float. */
    F64(8, Kind.FLOAT, 3),
    /** bfloat16: 8 exponent bits, 7 mantissa bits; stored as 16 bits, computed in F32. */
    BF16(2, Kind.FLOAT, 1),
    /** IEEE half precision; stored as 16 bits, computed in F32. */
    F16(2, Kind.FLOAT, 1),
    /** 32-bit signed integer. */
    I32(4, Kind.SIGNED, 2),
    /** 64-bit signed integer. */
    I64(8, Kind.SIGNED, 3),
    /** 8-bit unsigned integer. */
    U8(1, Kind.UNSIGNED, 0),
    /** Boolean, stored as one byte holding 0 or 1. */
    BOOL(1, Kind.BOOL, 0);

    /** The families that type promotion reasons about. */
    public enum Kind { BOOL, UNSIGNED, SIGNED, FLOAT }

    private final int byteSize;
    private final Kind kind;
    private final int rank;

    DType(int byteSize, Kind kind, int rank) {
        this.byteSize = byteSize;
        this.kind = kind;
        this.rank = rank;
    }

    /** Bytes one element occupies in a buffer. */
    public int byteSize() { return byteSize; }

    /** The family of this type. */
    public Kind kind() { return kind; }

    /** Width rank inside the family, used by promotion (higher holds more). */
    int rankInKind() { return rank; }

    /** True for F32, F64, BF16 and F16. */
    public boolean isFloating() { return kind == Kind.FLOAT; }

    /** True for the signed and unsigned integer types (not BOOL). */
    public boolean isInteger() { return kind == Kind.SIGNED || kind == Kind.UNSIGNED; }

    /** True for every type except BOOL. */
    public boolean isNumeric() { return kind != Kind.BOOL; }

    /** True for BF16 and F16, whose arithmetic is carried out in F32. */
    public boolean isHalf() { return this == BF16 || this == F16; }

    /** The type arithmetic on this type is carried out in. */
    public DType computeType() { return isHalf() ? F32 : this; }

    /** Lower-case name used in the graph text form, e.g. {@code f32}. */
    public String shortName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a {@link #shortName()} (case-insensitive). */
    public static DType parse(String text) {
        for (DType t : values()) {
            if (t.name().equalsIgnoreCase(text)) return t;
        }
        throw new IllegalArgumentException("unknown dtype '" + text + "'; expected one of f32, f64, bf16, f16, i32, i64, u8, bool");
    }

    @Override
    public String toString() { return shortName(); }
}
