package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.List;

import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;

/** Op database entries of the window ops (pooling and the select-and-scatter pair). */
final class WindowSpecs {
    private WindowSpecs() {}

    private static int[] i(int... v) { return v; }

    /** {@code {window, strides, pad_low, pad_high}}. */
    static Attrs w(int[] window, int[] strides, int[] lo, int[] hi) { return Ops.windowAttrs(window, strides, lo, hi); }

    /** A window configuration: operand shape, attributes and the windowed (result) shape. */
    private record Config(String name, long[] operand, Attrs attrs, long[] windowed) {}

    private static final List<Config> CONFIGS = List.of(
            new Config("[4,6] window 2x3 stride 2x3", new long[] {4, 6}, w(i(2, 3), i(2, 3), i(0, 0), i(0, 0)), new long[] {2, 2}),
            new Config("odd [7] window 3 stride 2 padded 1", new long[] {7}, w(i(3), i(2), i(1), i(1)), new long[] {4}),
            new Config("overlapping [5,5] window 3x3 stride 1", new long[] {5, 5}, w(i(3, 3), i(1, 1), i(0, 0), i(0, 0)), new long[] {3, 3}),
            new Config("NCHW [1,2,5,5] pool 3x3 stride 2 pad 1", new long[] {1, 2, 5, 5}, w(i(1, 1, 3, 3), i(1, 1, 2, 2), i(0, 0, 1, 1), i(0, 0, 1, 1)), new long[] {1, 2, 3, 3}));

    private static OpSpec reduceWindow(Primitive p) {
        OpSpec.Builder b = OpSpec.builder(p, F32, F64);
        for (Config c : CONFIGS) b.sample(c.name, c.attrs, x(Gen.distinct(), c.operand));
        return b.sample("infinities", w(i(2), i(1), i(0), i(0)), x(Gen.fixed(1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 2), 4)).last(Sample::forwardOnly)
                .secondOrder(true)
                .error("window of rank 1 on rank 2", w(i(2), i(1), i(0), i(0)), AttributeException.class, f32(4, 4))
                .error("stride 0", w(i(2), i(0), i(0), i(0)), AttributeException.class, f32(4))
                .error("window larger than the padded input", w(i(5), i(1), i(0), i(0)), ShapeException.class, f32(4))
                .notes("max samples have distinct values so that the first maximum is unique")
                .build();
    }

    /** select_and_scatter_add (source [windowed], operand) and select_and_gather (tangent [operand], operand). */
    private static OpSpec select(Primitive p, boolean scatter) {
        OpSpec.Builder b = OpSpec.builder(p, F32, F64);
        for (Config c : CONFIGS) {
            long[] first = scatter ? c.windowed : c.operand;
            b.sample(c.name, c.attrs, x(Gen.uniform(-2, 2), first), x(Gen.distinct(), c.operand));
        }
        b.sample("ties pick the first maximum", w(i(2), i(1), i(0), i(0)), x(Gen.uniform(-2, 2), scatter ? 3 : 4), x(Gen.fixed(1, 1, 1, 0), 4)).last(Sample::noGradient);
        if (scatter) {
            b.error("source shape differs from the windowed shape", w(i(2), i(2), i(0), i(0)), ShapeException.class, f32(3), f32(4));
        } else {
            b.error("tangent shape differs from the operand shape", w(i(2), i(2), i(0), i(0)), ShapeException.class, f32(3), f32(4));
        }
        return b.error("stride 0", w(i(2), i(0), i(0), i(0)), AttributeException.class, f32(scatter ? 3 : 4), f32(4))
                .secondOrder(true)
                .notes("the operand (input 1) only selects positions and is not differentiable")
                .build();
    }

    static List<OpSpec> specs() {
        return List.of(reduceWindow(Prims.REDUCE_WINDOW_MAX), reduceWindow(Prims.REDUCE_WINDOW_SUM),
                select(Prims.SELECT_AND_SCATTER_ADD, true), select(Prims.SELECT_AND_GATHER, false));
    }
}
