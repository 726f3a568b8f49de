package dev.triad.conformance.spec;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.List;

import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.BOOL;
import static dev.triad.spi.types.DType.F16;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;
import static dev.triad.spi.types.DType.I32;
import static dev.triad.spi.types.DType.I64;
import static dev.triad.spi.types.DType.U8;

/** Op database entries of the binary elementwise primitives. */
final class BinarySpecs {
    private BinarySpecs() {}

    private static final DType[] FLOATS = UnarySpecs.FLOATS;
    private static final DType[] NUMERIC = {F32, F64, BF16, F16, I32, I64, U8};

    /** The broadcasting shapes every binary op is tried on; {@code a} and {@code b} make the values. */
    private static OpSpec.Builder common(Primitive p, ValueGen a, ValueGen b, DType... dtypes) {
        // Error inputs use the op's main dtype, so that only the broken property is wrong.
        DType t = dtypes[0];
        DType other = t == F64 ? F32 : t.isFloating() ? F64 : t == I64 ? I32 : I64;
        ValueGen v = Gen.smallInts(0, 3);
        return OpSpec.builder(p, dtypes)
                .sample("same shape [3,5]", x(a, 3, 5), x(b, 3, 5))
                .sample("broadcast [3,1] x [1,5]", x(a, 3, 1), x(b, 1, 5))
                .sample("broadcast rank [2,3,4] x [4]", x(a, 2, 3, 4), x(b, 4))
                .sample("scalar x [5]", x(a), x(b, 5))
                .sample("[5] x scalar", x(a, 5), x(b))
                .sample("scalars", x(a), x(b))
                .sample("odd [7] x [7]", x(a, 7), x(b, 7))
                .sample("empty [0,3] x [3]", x(a, 0, 3), x(b, 3)).last(Sample::forwardOnly)
                .error("non-broadcastable [3] x [4]", ShapeException.class, of(t, v, 3), of(t, v, 4))
                .error("non-broadcastable [2,3] x [3,2]", ShapeException.class, of(t, v, 2, 3), of(t, v, 3, 2))
                .error("mixed dtypes " + t + " x " + other, DTypeException.class, of(t, v, 3), of(other, v, 3));
    }

    /** An arithmetic op on every numeric dtype, with special values for floats. */
    private static OpSpec.Builder arithmetic(Primitive p, ValueGen a, ValueGen b) {
        return common(p, a, b, NUMERIC)
                .sample("NaN and infinities", x(Gen.specials(), 7), x(Gen.fixed(1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 2, -0.0), 7))
                .last(s -> s.forwardOnly().only(FLOATS))
                .sample("large magnitudes", x(Gen.fixed(1e30, -1e30, 3e38, 1e300, 65000), 5), x(Gen.fixed(1e30, 1e-30, 3e38, -1e300, 65000), 5))
                .last(s -> s.forwardOnly().only(FLOATS))
                .secondOrder(true)
                .error("bool inputs", DTypeException.class, of(BOOL, Gen.bools(0.5), 3), of(BOOL, Gen.bools(0.5), 3));
    }

    /** A comparison: small integers in every dtype so that equality and ties really occur. */
    private static OpSpec comparison(Primitive p, DType... dtypes) {
        ValueGen v = Gen.smallInts(-2, 2);
        OpSpec.Builder b = common(p, v, v, dtypes)
                .sample("NaN and infinities", x(Gen.specials(), 7), x(Gen.fixed(Double.NaN, Double.POSITIVE_INFINITY, 1, -0.0, 0, Double.NaN, -2.25), 7))
                .last(s -> s.forwardOnly().only(FLOATS))
                .sample("i64 beyond 2^53", x(new ExactLongs((1L << 53) + 1, (1L << 53), -5), 3), x(new ExactLongs((1L << 53), (1L << 53) + 1, -5), 3))
                .last(s -> s.forwardOnly().only(I64));
        if (!List.of(dtypes).contains(BOOL)) b.error("bool inputs", DTypeException.class, of(BOOL, Gen.bools(0.5), 3), of(BOOL, Gen.bools(0.5), 3));
        return b.build();
    }

    /** Bitwise (integers) or logical (bool) and/or. */
    private static OpSpec logical(Primitive p) {
        ValueGen v = Gen.uniform(-8, 200);
        return common(p, v, v, BOOL, I32, I64, U8)
                .sample("i64 high bits", x(new ExactLongs(Long.MIN_VALUE, -1, (1L << 53) + 1), 3), x(new ExactLongs(-1, Long.MAX_VALUE, 3), 3))
                .last(s -> s.forwardOnly().only(I64))
                .error("float inputs", DTypeException.class, f32(3), f32(3))
                .build();
    }

    static List<OpSpec> specs() {
        ValueGen ab = Gen.normalish();
        return List.of(
                arithmetic(Prims.ADD, ab, ab)
                        .sample("i64 beyond 2^53", x(new ExactLongs((1L << 53) + 1, -(1L << 60) - 3, 1L << 62), 3), x(new ExactLongs(1, 1, 1L << 61), 3))
                        .last(s -> s.forwardOnly().only(I64))
                        .build(),
                // a in [3, 6] and b in [-2, 2] (u8: [0, 2]) keeps unsigned differences non-negative.
                arithmetic(Prims.SUB, Gen.uniform(3, 6), ab).build(),
                arithmetic(Prims.MUL, ab, ab).build(),
                arithmetic(Prims.DIV, Gen.uniform(-5, 5), Gen.nonZero(0.5, 3))
                        .sample("integer division truncates; x / 0 = -1", x(Gen.fixed(7, -7, 7, -7, 5, 0), 6), x(Gen.fixed(2, 2, -2, -2, 0, 0), 6))
                        .last(s -> s.forwardOnly().only(I32, I64))
                        .sample("division by zero (floats)", x(Gen.fixed(1, -1, 0, Double.NaN), 4), x(Gen.fixed(0, 0, 0, 0), 4))
                        .last(s -> s.forwardOnly().only(FLOATS))
                        .build(),
                common(Prims.POW, Gen.uniform(0.5, 2.5), Gen.uniform(-2, 2), FLOATS)
                        .sample("edge cases", x(Gen.fixed(0, -2, -2, 0, Double.POSITIVE_INFINITY, 1, Double.NaN, 0), 8), x(Gen.fixed(0, 0.5, 3, -1, 0, Double.NaN, 0, 2), 8))
                        .last(Sample::forwardOnly)
                        .secondOrder(true)
                        .error("integer inputs", DTypeException.class, of(I32, Gen.normalish(), 3), of(I32, Gen.normalish(), 3))
                        .notes("gradient samples keep the base positive (d/db uses log a)")
                        .build(),
                arithmetic(Prims.MAX, ab, ab)
                        .sample("NaN propagates", x(Gen.fixed(Double.NaN, 1, Double.NaN, -0.0), 4), x(Gen.fixed(1, Double.NaN, Double.NaN, 0), 4))
                        .last(s -> s.forwardOnly().only(FLOATS))
                        .notes("gradient samples have no ties (the rule splits ties 1/2, which finite differences cannot see)")
                        .build(),
                arithmetic(Prims.MIN, ab, ab)
                        .sample("NaN propagates", x(Gen.fixed(Double.NaN, 1, Double.NaN, -0.0), 4), x(Gen.fixed(1, Double.NaN, Double.NaN, 0), 4))
                        .last(s -> s.forwardOnly().only(FLOATS))
                        .build(),
                // rem jumps where a / b is an integer; random a hits one within the FD step with negligible probability.
                arithmetic(Prims.REM, Gen.awayFromIntegers(-5, 5, 0.05), Gen.fixed(1.7, -2.3, 0.9, 3.1, -1.3))
                        .sample("sign of the dividend", x(Gen.fixed(5.5, -5.5, 5.5, -5.5), 4), x(Gen.fixed(2, 2, -2, -2), 4)).last(Sample::forwardOnly)
                        .sample("integer remainder; x rem 0 = x", x(Gen.fixed(7, -7, 7, -7, 5, 0), 6), x(Gen.fixed(2, 2, -2, -2, 0, 0), 6))
                        .last(s -> s.forwardOnly().only(I32, I64))
                        .build(),
                comparison(Prims.EQ, F32, F64, BF16, I32, I64, U8, BOOL),
                comparison(Prims.NE, F32, F64, BF16, I32, I64, U8, BOOL),
                comparison(Prims.LT, F32, F64, BF16, I32, I64, U8),
                comparison(Prims.LE, F32, F64, BF16, I32, I64, U8),
                comparison(Prims.GT, F32, F64, BF16, I32, I64, U8),
                comparison(Prims.GE, F32, F64, BF16, I32, I64, U8),
                logical(Prims.AND),
                logical(Prims.OR));
    }
}
