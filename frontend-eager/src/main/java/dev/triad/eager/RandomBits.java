package dev.triad.eager;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/**
 * Turning raw Threefry words (i32 holding 32 random bits) into numbers with integer ops and
 * exact conversions only, so every backend produces the same values: a uniform float keeps
 * the top {@code m} bits of a word, where {@code m} is the number of significand bits of the
 * dtype (so the result is exactly representable and strictly below 1).
 */
final class RandomBits {
    private RandomBits() {}

    /** The words as unsigned values {@code 0..2^32-1} in i64. */
    static Tensor unsigned(EagerOps ops, Tensor bits) {
        Tensor wide = ops.cast(bits, DType.I64);
        return ops.and(wide, ops.scalar(4294967295.0, DType.I64));
    }

    /** Uniform samples in {@code [0, 1)} of a floating {@code dtype}. */
    static Tensor uniform(EagerOps ops, Tensor bits, DType dtype) {
        int m = switch (dtype) {
            case F64 -> 32;
            case F32 -> 24;
            case F16 -> 11;
            case BF16 -> 8;
            default -> throw new IllegalArgumentException("not a floating dtype: " + dtype);
        };
        Tensor u = unsigned(ops, bits);
        if (m < 32) u = ops.div(u, ops.scalar(Math.scalb(1.0, 32 - m), DType.I64));
        DType compute = dtype == DType.F64 ? DType.F64 : DType.F32;
        Tensor f = ops.mul(ops.cast(u, compute), ops.scalar(Math.scalb(1.0, -m), compute));
        return ops.cast(f, dtype);
    }

    /**
     * Standard normal samples from words of shape {@code [2, ...shape]} (Box-Muller: the first
     * half gives the radius, the second the angle).
     */
    static Tensor normal(EagerOps ops, Tensor bits, DType dtype) {
        DType compute = dtype == DType.F64 ? DType.F64 : DType.F32;
        Shape s = bits.shape();
        Tensor u1 = ops.rsub(1.0, uniform(ops, bits.select(0, 0), compute));   // in (0, 1]: log is finite
        Tensor u2 = uniform(ops, bits.select(0, 1), compute);
        Tensor radius = ops.sqrt(ops.mul(ops.log(u1), -2.0));
        Tensor z = ops.mul(radius, ops.cos(ops.mul(u2, 2 * Math.PI)));
        assert z.shape().equals(s.without(0));
        return ops.cast(z, dtype);
    }
}
