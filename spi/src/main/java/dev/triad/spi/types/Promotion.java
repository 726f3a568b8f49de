package dev.triad.spi.types;

/**
 * NumPy-style type promotion kept in one place. Java scalars are weakly typed: a
 * {@code double} or {@code long} literal takes the tensor's type when that type can hold it
 * (a {@code 2.0} never widens an F32 tensor to F64; a {@code 2.5} with an I32 tensor gives
 * F32, the default float type, as in JAX).
 */
public final class Promotion {
    private Promotion() {}

    /** The common type of two tensor types. */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        DType.Kind ka = a.kind(), kb = b.kind();
        if (ka == DType.Kind.BOOL) return b;
        if (kb == DType.Kind.BOOL) return a;
        if (ka == DType.Kind.FLOAT || kb == DType.Kind.FLOAT) {
            if (ka != DType.Kind.FLOAT) return b;
            if (kb != DType.Kind.FLOAT) return a;
            // BF16 with F16 has no exact common 16-bit type: NumPy/JAX/PyTorch give F32.
            if (a.isHalf() && b.isHalf()) return DType.F32;
            return a.rankInKind() >= b.rankInKind() ? a : b;
        }
        // Integers: U8 with a signed type fits in the signed type of at least 16 bits; ours are 32/64.
        if (ka == DType.Kind.UNSIGNED) return b;
        if (kb == DType.Kind.UNSIGNED) return a;
        return a.rankInKind() >= b.rankInKind() ? a : b;
    }

    /** The type of {@code tensor op scalar} for a weakly typed floating Java scalar. */
    public static DType withFloatScalar(DType tensor) {
        return tensor.isFloating() ? tensor : DType.F32;
    }

    /** The type of {@code tensor op scalar} for a weakly typed integral Java scalar. */
    public static DType withIntScalar(DType tensor) {
        return tensor == DType.BOOL ? DType.I64 : tensor;
    }
}
