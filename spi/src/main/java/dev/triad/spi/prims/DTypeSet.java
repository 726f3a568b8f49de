package dev.triad.spi.prims;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.types.DType;

import java.util.EnumSet;
import java.util.Set;

/** The element types an op accepts, with the wording its error message uses. */
public enum DTypeSet {
    /** F32, F64, BF16, F16. */
    FLOAT("a floating type (f32, f64, bf16, f16)", EnumSet.of(DType.F32, DType.F64, DType.BF16, DType.F16)),
    /** Every type but BOOL. */
    NUMERIC("a numeric type (not bool)", EnumSet.complementOf(EnumSet.of(DType.BOOL))),
    /** Signed numbers: floats and signed integers (for neg, abs, sign). */
    SIGNED_NUMERIC("a signed numeric type (f32, f64, bf16, f16, i32, i64)", EnumSet.of(DType.F32, DType.F64, DType.BF16, DType.F16, DType.I32, DType.I64)),
    /** BOOL and the integer types (bitwise/logical ops). */
    INTEGRAL("bool or an integer type (i32, i64, u8)", EnumSet.of(DType.BOOL, DType.I32, DType.I64, DType.U8)),
    /** The index types. */
    INDEX("an index type (i32, i64)", EnumSet.of(DType.I32, DType.I64)),
    /** Every type. */
    ANY("any type", EnumSet.allOf(DType.class));

    private final String description;
    private final Set<DType> members;

    DTypeSet(String description, Set<DType> members) {
        this.description = description;
        this.members = members;
    }

    /** True when {@code t} is accepted. */
    public boolean contains(DType t) { return members.contains(t); }

    /** The accepted types. */
    public Set<DType> members() { return EnumSet.copyOf(members); }

    /** Throws a {@link DTypeException} naming {@code op} and {@code what} unless {@code t} is accepted. */
    public void check(String op, String what, DType t) {
        if (!contains(t)) throw new DTypeException(op, what + " has dtype " + t + "; expected " + description);
    }
}
