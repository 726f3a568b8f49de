package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;

import java.util.List;

import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;

/** Op database entries of matmul and conv. */
final class ContractionSpecs {
    private ContractionSpecs() {}

    private static int[] i(int... v) { return v; }

    /** Convolution attributes. */
    static Attrs conv(int[] strides, int[] padLow, int[] padHigh, int[] lhsDil, int[] rhsDil, int groups) {
        return Attrs.builder().put(Keys.STRIDES, strides).put(Keys.PAD_LOW, padLow).put(Keys.PAD_HIGH, padHigh)
                .put(Keys.LHS_DILATION, lhsDil).put(Keys.RHS_DILATION, rhsDil).put(Keys.GROUPS, groups).build();
    }

    static List<OpSpec> specs() {
        ValueGen g = Gen.uniform(-1.5, 1.5);
        return List.of(
                OpSpec.builder(Prims.MATMUL, F32, F64, BF16)
                        .sample("[3,4] x [4,5]", x(g, 3, 4), x(g, 4, 5))
                        .sample("batched [2,3,4] x [4,2]", x(g, 2, 3, 4), x(g, 4, 2))
                        .sample("broadcast batch [2,1,3,4] x [5,4,2]", x(g, 2, 1, 3, 4), x(g, 5, 4, 2))
                        .sample("odd [33,17] x [17,9]", x(g, 33, 17), x(g, 17, 9)).last(Sample::noBatching)
                        .sample("[1,1] x [1,1]", x(g, 1, 1), x(g, 1, 1))
                        .sample("empty k [3,0] x [0,2] gives zeros", x(g, 3, 0), x(g, 0, 2)).last(Sample::forwardOnly)
                        .sample("empty m [0,3] x [3,2]", x(g, 0, 3), x(g, 3, 2)).last(Sample::forwardOnly)
                        .looser(2)
                        .secondOrder(true)
                        .error("rank 1 operand", ShapeException.class, f32(4), f32(4, 2))
                        .error("k mismatch [3,4] x [5,2]", ShapeException.class, f32(3, 4), f32(5, 2))
                        .error("batch dims do not broadcast [2,3,4] x [3,4,2]", ShapeException.class, f32(2, 3, 4), f32(3, 4, 2))
                        .error("dtypes f32 x f64", DTypeException.class, f32(3, 4), of(F64, Gen.normalish(), 4, 2))
                        .build(),
                OpSpec.builder(Prims.CONV, F32, F64)
                        .sample("1-d [2,3,7] * [4,3,3]", conv(i(1), i(0), i(0), i(1), i(1), 1), x(g, 2, 3, 7), x(g, 4, 3, 3))
                        .sample("2-d strided, padded, rhs-dilated", conv(i(2, 1), i(1, 0), i(1, 2), i(1, 1), i(1, 2), 1), x(g, 1, 2, 5, 6), x(g, 3, 2, 2, 3))
                        .sample("grouped (2 groups) [1,4,5] * [6,2,3]", conv(i(1), i(1), i(1), i(1), i(1), 2), x(g, 1, 4, 5), x(g, 6, 2, 3))
                        .sample("lhs-dilated (transposed conv) [1,2,4] * [2,2,3]", conv(i(1), i(2), i(2), i(2), i(1), 1), x(g, 1, 2, 4), x(g, 2, 2, 3))
                        .sample("negative padding crops", conv(i(1), i(-1), i(0), i(1), i(1), 1), x(g, 2, 1, 6), x(g, 1, 1, 2))
                        .sample("1x1 kernel, stride 3", conv(i(3, 3), i(0, 0), i(0, 0), i(1, 1), i(1, 1), 1), x(g, 1, 3, 7, 5), x(g, 2, 3, 1, 1))
                        .looser(2)
                        .secondOrder(true)
                        .error("channels 3 but kernel expects 2", conv(i(1), i(0), i(0), i(1), i(1), 1), ShapeException.class, f32(1, 3, 5), f32(2, 2, 3))
                        .error("kernel rank differs from input rank", conv(i(1), i(0), i(0), i(1), i(1), 1), ShapeException.class, f32(1, 3, 5), f32(2, 3, 3, 3))
                        .error("strides for 2 spatial dims on a 1-d conv", conv(i(1, 1), i(0), i(0), i(1), i(1), 1), AttributeException.class, f32(1, 3, 5), f32(2, 3, 3))
                        .error("stride 0", conv(i(0), i(0), i(0), i(1), i(1), 1), AttributeException.class, f32(1, 3, 5), f32(2, 3, 3))
                        .error("groups 0", conv(i(1), i(0), i(0), i(1), i(1), 0), AttributeException.class, f32(1, 3, 5), f32(2, 3, 3))
                        .error("dtypes f32 and f64", conv(i(1), i(0), i(0), i(1), i(1), 1), DTypeException.class, f32(1, 3, 5), of(F64, Gen.normalish(), 2, 3, 3))
                        .notes("cross-correlation (no kernel flip); output channel o uses input channel group o / (O / groups)")
                        .build());
    }
}
