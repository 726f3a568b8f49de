package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;

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

/** Op database entries of the reductions. */
final class ReductionSpecs {
    private ReductionSpecs() {}

    /** {@code {axes, keep_dims}}. */
    static Attrs axes(boolean keep, int... axes) { return Attrs.of(Keys.AXES, axes, Keys.KEEP_DIMS, keep); }

    /** {@code {axis, keep_dims}}. */
    static Attrs axis(int axis, boolean keep) { return Attrs.of(Keys.AXIS, axis, Keys.KEEP_DIMS, keep); }

    private static OpSpec.Builder reduction(Primitive p, ValueGen g, boolean emptyAllowed) {
        OpSpec.Builder b = OpSpec.builder(p, F32, F64, BF16, F16, I32, I64, U8)
                .sample("[3,5] over axis 1", axes(false, 1), x(g, 3, 5))
                .sample("[3,5] over both, keep dims", axes(true, 0, 1), x(g, 3, 5))
                .sample("[2,3,4] over axes 0 and 2", axes(false, 0, 2), x(g, 2, 3, 4))
                .sample("[2,3,4] over axis 1, keep dims", axes(true, 1), x(g, 2, 3, 4))
                .sample("odd [7] over axis 0", axes(false, 0), x(g, 7))
                .sample("[33,9] over axis 0", axes(false, 0), x(g, 33, 9))
                .sample("no axes (identity)", axes(false), x(g, 3, 2))
                .sample("scalar, no axes", axes(false), x(g))
                .sample("NaN and infinities over axis 1", axes(false, 1), x(Gen.fixed(1, Double.NaN, 2, 3, Double.POSITIVE_INFINITY, -1, 0, Double.NEGATIVE_INFINITY, 2), 3, 3))
                .last(s -> s.forwardOnly().only(UnarySpecs.FLOATS))
                .secondOrder(true)
                .error("axis 2 out of range for rank 2", axes(false, 2), AttributeException.class, f32(3, 4))
                .error("negative axis", axes(false, -1), AttributeException.class, f32(3, 4))
                .error("unsorted axes [1,0]", axes(false, 1, 0), AttributeException.class, f32(3, 4))
                .error("repeated axes [0,0]", axes(false, 0, 0), AttributeException.class, f32(3, 4))
                .error("bool input", axes(false, 0), DTypeException.class, of(BOOL, Gen.bools(0.5), 3));
        if (emptyAllowed) {
            b.sample("empty axis [0,3] over axis 0 (identity)", axes(false, 0), x(g, 0, 3)).last(Sample::forwardOnly)
                    .sample("empty result [3,0] over axis 0", axes(true, 0), x(g, 3, 0)).last(Sample::forwardOnly);
        } else {
            b.error("empty axis [0,3] over axis 0 (no identity)", axes(false, 0), ShapeException.class, f32(0, 3));
        }
        return b;
    }

    private static OpSpec argExtremum(Primitive p) {
        ValueGen g = Gen.distinct();
        return OpSpec.builder(p, F32, F64, BF16, I32, I64, U8)
                .sample("[3,5] along axis 1", axis(1, false), x(g, 3, 5))
                .sample("[2,3,4] along axis 0, keep dims", axis(0, true), x(g, 2, 3, 4))
                .sample("[2,3,4] along axis 2", axis(2, false), x(g, 2, 3, 4))
                .sample("odd [7] along axis 0", axis(0, false), x(g, 7))
                .sample("ties: the first wins", axis(1, false), x(Gen.smallInts(0, 1), 4, 6)).last(Sample::forwardOnly)
                .sample("infinities", axis(0, false), x(Gen.fixed(1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 2), 4))
                .last(s -> s.forwardOnly().only(F32, F64, BF16))
                .sample("empty result [0,3] along axis 1", axis(1, false), x(g, 0, 3)).last(Sample::forwardOnly)
                .error("axis 2 out of range for rank 2", axis(2, false), AttributeException.class, f32(3, 4))
                .error("empty axis [0,3] along axis 0", axis(0, false), ShapeException.class, f32(0, 3))
                .error("bool input", axis(0, false), DTypeException.class, of(BOOL, Gen.bools(0.5), 3))
                .notes("NaN inputs are not tested: the op table does not say whether NaN counts as the extremum")
                .build();
    }

    static List<OpSpec> specs() {
        return List.of(
                reduction(Prims.REDUCE_SUM, Gen.normalish(), true)
                        .sample("i64 beyond 2^53", axes(false, 0), x(new ExactLongs((1L << 53) + 1, 1, 1L << 62), 3)).last(s -> s.forwardOnly().only(I64))
                        .build(),
                reduction(Prims.REDUCE_MAX, Gen.distinct(), false)
                        .sample("ties", axes(false, 1), x(Gen.smallInts(0, 2), 3, 4)).last(Sample::noGradient)
                        .notes("gradient samples have distinct values; ties (forward only) share the gradient equally")
                        .build(),
                reduction(Prims.REDUCE_MIN, Gen.distinct(), false)
                        .sample("ties", axes(false, 1), x(Gen.smallInts(0, 2), 3, 4)).last(Sample::noGradient)
                        .build(),
                reduction(Prims.REDUCE_PROD, Gen.uniform(0.5, 1.5), true)
                        .sample("one zero in a row", axes(false, 1), x(Gen.fixed(0, 1.5, 2, 0.5, -1.25, 2, 1.5, 0.75), 2, 4))
                        .sample("two zeros in a row", axes(false, 1), x(Gen.fixed(0, 1.5, 0, 0.5, 1.25, 2, 0, 0), 2, 4))
                        .notes("products through zeros are checked: the rule must not divide by zero")
                        .build(),
                argExtremum(Prims.ARGMAX),
                argExtremum(Prims.ARGMIN));
    }
}
