package dev.triad.conformance.spec;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.List;

import static dev.triad.conformance.spec.In.bool;
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

/** Op database entries of where and cast. */
final class SelectCastSpecs {
    private SelectCastSpecs() {}

    /**
     * Values every conversion is defined on: fractions of both signs for floats (truncation,
     * half-way rounding to BF16/F16), non-negative integers for integer sources (int-to-int
     * conversion of out-of-range values is not pinned down by the op table).
     */
    private static final ValueGen CAST_VALUES = (t, s, r) -> {
        double[] f = t.isFloating()
                ? new double[] {-2.7, -0.5, 0, 0.5, 1.5, 2.5, 3.49, 100.25, 7.99, -0.0, 1e-3, 65.5, 1.00390625}
                : new double[] {0, 1, 7, 100, 42, 3, 127, 2};
        return Gen.fixed(f).values(t, s, r);
    };

    private static OpSpec cast() {
        OpSpec.Builder b = OpSpec.builder(Prims.CAST, F32, F64, BF16, F16, I32, I64, U8, BOOL);
        for (DType to : DType.values()) {
            b.sample("to " + to + " [13]", Attrs.of(Keys.DTYPE, to), x(CAST_VALUES, 13));
            if (to != F64) b.last(Sample::noGradient); // finite differences need an F64 result
        }
        b.sample("to f32 [2,3] (batching, layouts)", Attrs.of(Keys.DTYPE, F32), x(CAST_VALUES, 2, 3)).last(Sample::noGradient);
        b.sample("to f64 scalar", Attrs.of(Keys.DTYPE, F64), x(CAST_VALUES));
        b.sample("to i32 empty [0]", Attrs.of(Keys.DTYPE, I32), x(CAST_VALUES, 0)).last(Sample::forwardOnly);
        DType[] floats = UnarySpecs.FLOATS;
        ValueGen special = Gen.fixed(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e10, -1e10, 300, -5, 255.9, 3e38);
        for (DType to : DType.values()) {
            b.sample("NaN, inf, out of range to " + to, Attrs.of(Keys.DTYPE, to), x(special, 9)).last(s -> s.forwardOnly().only(floats));
        }
        for (DType to : new DType[] {I64, F64, F32}) {
            b.sample("i64 beyond 2^53 to " + to, Attrs.of(Keys.DTYPE, to),
                    x(new ExactLongs((1L << 53) + 1, -(1L << 62) - 1, Long.MAX_VALUE, (1L << 24) + 1), 4)).last(s -> s.forwardOnly().only(I64));
        }
        return b.notes("float to integer truncates toward zero, saturates, NaN gives 0; anything to bool is != 0")
                .build();
    }

    static List<OpSpec> specs() {
        ValueGen v = Gen.uniform(-3, 3);
        return List.of(
                OpSpec.builder(Prims.WHERE, F32, F64, BF16, I32, I64, BOOL)
                        .sample("same shape [3,5]", bool(3, 5), x(v, 3, 5), x(v, 3, 5))
                        .sample("broadcast [3,1] [1,5] scalar", bool(3, 1), x(v, 1, 5), x(v))
                        .sample("scalar condition", bool(), x(v, 4), x(v, 4))
                        .sample("rank 3 [2,1,4] [3,1] [4]", bool(2, 1, 4), x(v, 3, 1), x(v, 4))
                        .sample("empty [0]", bool(0), x(v, 0), x(v, 1)).last(Sample::forwardOnly)
                        .sample("NaN in the branch not taken", of(BOOL, Gen.fixed(1, 0, 1, 0), 4), x(Gen.fixed(1, Double.NaN, 2, Double.NaN), 4),
                                x(Gen.fixed(Double.NaN, 3, Double.NaN, 4), 4)).last(s -> s.forwardOnly().only(F32, F64, BF16))
                        .secondOrder(true)
                        .error("condition of dtype f32", DTypeException.class, f32(3), f32(3), f32(3))
                        .error("branches f32 and f64", DTypeException.class, bool(3), f32(3), of(F64, Gen.normalish(), 3))
                        .error("non-broadcastable [3] [4] [3]", ShapeException.class, bool(3), f32(4), f32(3))
                        .build(),
                cast());
    }
}
