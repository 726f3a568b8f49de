package dev.triad.conformance.spec;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.List;

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

/** Op database entries of the unary elementwise primitives. */
final class UnarySpecs {
    private UnarySpecs() {}

    static final DType[] FLOATS = {F32, F64, BF16, F16};

    /** Shapes every unary op is tried on, with values from {@code domain}; special values forward only. */
    private static OpSpec.Builder common(Primitive p, ValueGen domain, DType... dtypes) {
        OpSpec.Builder b = OpSpec.builder(p, dtypes)
                .sample("odd vector [7]", x(domain, 7))
                .sample("matrix [3,5]", x(domain, 3, 5))
                .sample("scalar", x(domain))
                .sample("rank 3 [2,3,4]", x(domain, 2, 3, 4))
                .sample("empty [0,3]", x(domain, 0, 3)).last(Sample::forwardOnly);
        return b;
    }

    /** A smooth float op: special values and large values forward only, second order on. */
    private static OpSpec smooth(Primitive p, ValueGen domain, double... large) {
        OpSpec.Builder b = common(p, domain, FLOATS)
                .sample("NaN, +-inf, +-0", x(Gen.specials(), 7)).last(Sample::forwardOnly)
                .secondOrder(true)
                .error("integer input i32", DTypeException.class, of(I32, Gen.normalish(), 3))
                .error("bool input", DTypeException.class, of(BOOL, Gen.bools(0.5), 3));
        if (large.length > 0) b.sample("large magnitudes", x(Gen.fixed(large), large.length)).last(Sample::forwardOnly);
        return b.build();
    }

    /** A piecewise-constant float op: samples stay off the jumps so finite differences see zero. */
    private static OpSpec steps(Primitive p, double... boundary) {
        return common(p, Gen.awayFromIntegers(-4, 4, 0.05), FLOATS)
                .sample("NaN, +-inf, +-0", x(Gen.specials(), 7)).last(Sample::forwardOnly)
                .sample("boundaries", x(Gen.fixed(boundary), boundary.length)).last(Sample::forwardOnly)
                .error("integer input i32", DTypeException.class, of(I32, Gen.normalish(), 3))
                .build();
    }

    static List<OpSpec> specs() {
        return List.of(
                common(Prims.NEG, Gen.normalish(), F32, F64, BF16, F16, I32, I64)
                        .sample("NaN, +-inf, +-0", x(Gen.specials(), 7)).last(s -> s.forwardOnly().only(FLOATS))
                        .sample("i64 beyond 2^53", x(new ExactLongs((1L << 53) + 1, -(1L << 62) - 3, Long.MAX_VALUE), 3)).last(s -> s.forwardOnly().only(I64))
                        .secondOrder(true)
                        .error("u8 input (unsigned)", DTypeException.class, of(U8, Gen.uniform(0, 5), 3))
                        .error("bool input", DTypeException.class, of(BOOL, Gen.bools(0.5), 3))
                        .build(),
                common(Prims.ABS, Gen.awayFrom(-3, 3, 0.1, 0), F32, F64, BF16, F16, I32, I64)
                        .sample("NaN, +-inf, +-0", x(Gen.specials(), 7)).last(s -> s.forwardOnly().only(FLOATS))
                        .secondOrder(true)
                        .error("u8 input (unsigned)", DTypeException.class, of(U8, Gen.uniform(0, 5), 3))
                        .notes("gradient samples avoid the kink at 0")
                        .build(),
                common(Prims.SIGN, Gen.awayFrom(-3, 3, 0.1, 0), F32, F64, BF16, F16, I32, I64)
                        .sample("zeros and NaN", x(Gen.fixed(0, -0.0, 3, -2, Double.NaN), 5)).last(s -> s.forwardOnly().only(FLOATS))
                        .sample("integer zero", x(Gen.fixed(0, -4, 9), 3)).last(s -> s.forwardOnly().only(I32, I64))
                        .error("bool input", DTypeException.class, of(BOOL, Gen.bools(0.5), 3))
                        .build(),
                smooth(Prims.EXP, Gen.uniform(-3, 3), 88, 89, -100, 709, 710, -745, -746),
                smooth(Prims.LOG, Gen.uniform(0.2, 5), 1e-30, 1e30, 1e300, -1, 0, 4.9e-324),
                smooth(Prims.LOG1P, Gen.uniform(-0.5, 3), 1e-10, -1e-10, -1, -2, 1e30),
                smooth(Prims.EXPM1, Gen.uniform(-3, 3), 1e-10, -1e-10, 88, 89, -100, 710),
                smooth(Prims.SQRT, Gen.uniform(0.2, 5), 1e-30, 1e30, -1, 1e300),
                smooth(Prims.RSQRT, Gen.uniform(0.2, 5), 1e-30, 1e30, -1, 1e300),
                smooth(Prims.SIN, Gen.uniform(-4, 4), 1e4, -1e4, 100.5),
                smooth(Prims.COS, Gen.uniform(-4, 4), 1e4, -1e4, 100.5),
                smooth(Prims.TANH, Gen.uniform(-3, 3), 20, -20, 1e5, 1e-10, -400),
                smooth(Prims.LOGISTIC, Gen.uniform(-5, 5), 100, -100, 800, -800, 1e-10),
                smooth(Prims.ERF, Gen.uniform(-2.5, 2.5), 5, -5, 7, 1e-10, 30),
                smooth(Prims.RECIPROCAL, Gen.nonZero(0.3, 3), 1e30, -1e30, 1e-30, 1e300),
                steps(Prims.FLOOR, 1, -1, 0.999, -0.001, 2.5, 1e30),
                steps(Prims.CEIL, 1, -1, 0.001, -0.999, 2.5, 1e30),
                steps(Prims.ROUND, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 0.49999997, 1e30),
                OpSpec.builder(Prims.NOT, BOOL, I32, I64, U8)
                        .sample("odd vector [7]", x(Gen.uniform(-8, 200), 7))
                        .sample("matrix [3,5]", x(Gen.uniform(-8, 200), 3, 5))
                        .sample("scalar", x(Gen.uniform(-8, 200)))
                        .sample("empty [0]", x(Gen.uniform(-8, 8), 0)).last(Sample::forwardOnly)
                        .sample("extremes", x(new ExactLongs(0, -1, 255, Long.MAX_VALUE, Long.MIN_VALUE), 5)).last(s -> s.forwardOnly().only(I64))
                        .error("float input", DTypeException.class, of(F32, Gen.normalish(), 3))
                        .build());
    }
}
