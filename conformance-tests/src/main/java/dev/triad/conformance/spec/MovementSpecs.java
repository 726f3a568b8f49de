package dev.triad.conformance.spec;

import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;

import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.BOOL;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;
import static dev.triad.spi.types.DType.I64;
import static dev.triad.spi.types.DType.U8;

/** Op database entries of the data-movement primitives (exact in every dtype). */
final class MovementSpecs {
    private MovementSpecs() {}

    /** Movement is dtype-agnostic: one float, one half, one wide integer, one byte type and bool. */
    private static final DType[] TYPES = {F32, F64, BF16, I64, U8, BOOL};

    private static Attrs shape(long... dims) { return Attrs.of(Keys.SHAPE, Shape.of(dims)); }
    private static Attrs perm(int... p) { return Attrs.of(Keys.PERM, p); }
    private static Attrs slice(long[] start, long[] stop, long[] step) {
        return Attrs.builder().put(Keys.START, start).put(Keys.STOP, stop).put(Keys.STEP, step).build();
    }
    private static Attrs pad(long[] low, long[] high, long[] interior, double value) {
        return Attrs.builder().put(Keys.LOW, low).put(Keys.HIGH, high).put(Keys.INTERIOR, interior).put(Keys.VALUE, value).build();
    }
    private static long[] l(long... v) { return v; }

    static List<OpSpec> specs() {
        ValueGen g = Gen.uniform(-3, 3);
        return List.of(
                OpSpec.builder(Prims.RESHAPE, TYPES)
                        .sample("[2,3,4] to [6,4]", shape(6, 4), x(g, 2, 3, 4))
                        .sample("[3,5] to [15]", shape(15), x(g, 3, 5))
                        .sample("[7] to [7,1]", shape(7, 1), x(g, 7))
                        .sample("scalar to [1,1]", shape(1, 1), x(g))
                        .sample("[1] to scalar", shape(), x(g, 1))
                        .sample("empty [0,3] to [3,0]", shape(3, 0), x(g, 0, 3)).last(Sample::forwardOnly)
                        .error("element count 12 to 10", shape(2, 5), ShapeException.class, f32(3, 4))
                        .build(),
                OpSpec.builder(Prims.PERMUTE, TYPES)
                        .sample("[2,3,4] by [2,0,1]", perm(2, 0, 1), x(g, 2, 3, 4))
                        .sample("[3,5] transposed", perm(1, 0), x(g, 3, 5))
                        .sample("[2,3,4] identity", perm(0, 1, 2), x(g, 2, 3, 4))
                        .sample("scalar, empty permutation", perm(), x(g))
                        .sample("empty [0,3] transposed", perm(1, 0), x(g, 0, 3)).last(Sample::forwardOnly)
                        .error("repeated axis [0,0]", perm(0, 0), AttributeException.class, f32(3, 4))
                        .error("too short [0]", perm(0), AttributeException.class, f32(3, 4))
                        .error("axis 2 out of range", perm(0, 2), AttributeException.class, f32(3, 4))
                        .build(),
                OpSpec.builder(Prims.BROADCAST_TO, TYPES)
                        .sample("[3,1] to [2,3,5]", shape(2, 3, 5), x(g, 3, 1))
                        .sample("[5] to [3,5]", shape(3, 5), x(g, 5))
                        .sample("scalar to [4]", shape(4), x(g))
                        .sample("same shape [2,3]", shape(2, 3), x(g, 2, 3))
                        .sample("[1] to [0]", shape(0), x(g, 1)).last(Sample::forwardOnly)
                        .error("[3] to [4]", shape(4), ShapeException.class, f32(3))
                        .error("[2,3] to [3] (rank drops)", shape(3), ShapeException.class, f32(2, 3))
                        .build(),
                OpSpec.builder(Prims.SLICE, TYPES)
                        .sample("[5,7] rows 1..4, every 2nd column", slice(l(1, 0), l(4, 7), l(1, 2)), x(g, 5, 7))
                        .sample("[7] step 3", slice(l(1), l(7), l(3)), x(g, 7))
                        .sample("[2,3,4] last element", slice(l(1, 2, 3), l(2, 3, 4), l(1, 1, 1)), x(g, 2, 3, 4))
                        .sample("[7] empty range 2..2", slice(l(2), l(2), l(1)), x(g, 7)).last(Sample::forwardOnly)
                        .sample("scalar", slice(l(), l(), l()), x(g))
                        .error("stop beyond the dimension", slice(l(0), l(5), l(1)), AttributeException.class, f32(4))
                        .error("start after stop", slice(l(3), l(2), l(1)), AttributeException.class, f32(4))
                        .error("step 0", slice(l(0), l(4), l(0)), AttributeException.class, f32(4))
                        .error("one entry for rank 2", slice(l(0), l(2), l(1)), AttributeException.class, f32(2, 3))
                        .build(),
                OpSpec.builder(Prims.PAD, TYPES)
                        .sample("[3,5] low/high/interior with crop", pad(l(1, -1), l(2, 0), l(0, 1), 1.5), x(g, 3, 5))
                        .sample("[4] interior 2, value 0", pad(l(0), l(0), l(2), 0), x(g, 4))
                        .sample("[2,3] cropping only", pad(l(-1, 0), l(0, -2), l(0, 0), 0), x(g, 2, 3))
                        .sample("scalar", pad(l(), l(), l(), 0), x(g))
                        .sample("[0,2] padded to [2,3]", pad(l(1, 0), l(1, 1), l(0, 0), -1), x(g, 0, 2)).last(Sample::forwardOnly)
                        .error("negative interior", pad(l(0), l(0), l(-1), 0), AttributeException.class, f32(3))
                        .error("crop below zero", pad(l(-2), l(-2), l(0), 0), ShapeException.class, f32(3))
                        .error("one entry for rank 2", pad(l(0), l(0), l(0), 0), AttributeException.class, f32(2, 3))
                        .build(),
                OpSpec.builder(Prims.CONCAT, TYPES)
                        .sample("[2,3] and [4,3] along 0", Attrs.of(Keys.AXIS, 0), x(g, 2, 3), x(g, 4, 3))
                        .sample("three along axis 1 incl. empty", Attrs.of(Keys.AXIS, 1), x(g, 2, 1), x(g, 2, 3), x(g, 2, 0))
                        .sample("[2,3,4] and [2,1,4] along 1", Attrs.of(Keys.AXIS, 1), x(g, 2, 3, 4), x(g, 2, 1, 4))
                        .sample("a single input", Attrs.of(Keys.AXIS, 0), x(g, 5))
                        .error("sizes differ off the axis", Attrs.of(Keys.AXIS, 0), ShapeException.class, f32(2, 3), f32(2, 4))
                        .error("ranks differ", Attrs.of(Keys.AXIS, 0), ShapeException.class, f32(2, 3), f32(2))
                        .error("dtypes differ", Attrs.of(Keys.AXIS, 0), DTypeException.class, f32(2), of(I64, Gen.normalish(), 2))
                        .error("axis out of range", Attrs.of(Keys.AXIS, 2), AttributeException.class, f32(2, 3), f32(2, 3))
                        .error("no inputs", Attrs.of(Keys.AXIS, 0), ArityException.class)
                        .build(),
                OpSpec.builder(Prims.FLIP, TYPES)
                        .sample("[3,5] both axes", Attrs.of(Keys.AXES, new int[] {0, 1}), x(g, 3, 5))
                        .sample("odd [7]", Attrs.of(Keys.AXES, new int[] {0}), x(g, 7))
                        .sample("[2,3,4] middle axis", Attrs.of(Keys.AXES, new int[] {1}), x(g, 2, 3, 4))
                        .sample("no axes", Attrs.of(Keys.AXES, new int[] {}), x(g, 3))
                        .sample("empty [0,2]", Attrs.of(Keys.AXES, new int[] {0}), x(g, 0, 2)).last(Sample::forwardOnly)
                        .error("axis out of range", Attrs.of(Keys.AXES, new int[] {1}), AttributeException.class, f32(3))
                        .build());
    }
}
