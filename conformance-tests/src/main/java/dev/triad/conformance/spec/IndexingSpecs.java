package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;

import java.util.List;

import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.idx;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;
import static dev.triad.spi.types.DType.I32;
import static dev.triad.spi.types.DType.I64;

/** Op database entries of gather and scatter_add (take-along-axis). */
final class IndexingSpecs {
    private IndexingSpecs() {}

    private static Attrs axis(int a) { return Attrs.of(Keys.AXIS, a); }

    static List<OpSpec> specs() {
        ValueGen g = Gen.uniform(-3, 3);
        return List.of(
                OpSpec.builder(Prims.GATHER, F32, F64, BF16, I32, I64)
                        .sample("[4,5] along 1 with i64 [4,3]", axis(1), x(g, 4, 5), idx(I64, 5, 4, 3))
                        .sample("[5,3] along 0 with i32 [2,3]", axis(0), x(g, 5, 3), idx(I32, 5, 2, 3))
                        .sample("[2,3,4] along 2 with [2,3,6] (repeats)", axis(2), x(g, 2, 3, 4), idx(I64, 4, 2, 3, 6))
                        .sample("odd [7] with [9]", axis(0), x(g, 7), idx(I32, 7, 9))
                        .sample("empty indices [4,0]", axis(1), x(g, 4, 5), idx(I64, 5, 4, 0)).last(Sample::forwardOnly)
                        .error("index 5 out of range for size 5", axis(1), IndexOutOfRangeException.class, f32(2, 5), of(I64, Gen.fixed(0, 5), 2, 1))
                        .error("negative index", axis(0), IndexOutOfRangeException.class, f32(3), of(I32, Gen.fixed(-1), 1))
                        .error("float indices", axis(0), DTypeException.class, f32(3), f32(2))
                        .error("indices of another rank", axis(0), ShapeException.class, f32(3, 2), idx(I64, 3, 2))
                        .error("indices differ off the axis", axis(0), ShapeException.class, f32(3, 2), idx(I64, 3, 2, 3))
                        .error("axis out of range", axis(2), AttributeException.class, f32(3, 2), idx(I64, 2, 3, 2))
                        .notes("indices have the operand's rank and sizes except along axis; out-of-range indices raise")
                        .build(),
                OpSpec.builder(Prims.SCATTER_ADD, F32, F64, BF16, I32, I64)
                        .sample("[4,5] along 1 with [4,3] (repeats add up)", axis(1), x(g, 4, 5), idx(I64, 5, 4, 3), x(g, 4, 3))
                        .sample("[5,3] along 0 with i32 [2,3]", axis(0), x(g, 5, 3), idx(I32, 5, 2, 3), x(g, 2, 3))
                        .sample("[2,3,4] along 2 with [2,3,6]", axis(2), x(g, 2, 3, 4), idx(I64, 4, 2, 3, 6), x(g, 2, 3, 6))
                        .sample("all to one place", axis(0), x(g, 3), of(I64, Gen.fixed(1), 5), x(g, 5))
                        .sample("empty updates", axis(1), x(g, 4, 5), idx(I64, 5, 4, 0), x(g, 4, 0)).last(Sample::forwardOnly)
                        .error("index out of range", axis(0), IndexOutOfRangeException.class, f32(3), of(I64, Gen.fixed(3), 1), f32(1))
                        .error("updates shape differs from indices", axis(0), ShapeException.class, f32(3), idx(I64, 3, 2), f32(3))
                        .error("updates dtype differs from operand", axis(0), DTypeException.class, f32(3), idx(I64, 3, 2), of(F64, Gen.normalish(), 2))
                        .error("float indices", axis(0), DTypeException.class, f32(3), f32(2), f32(2))
                        .build());
    }
}
