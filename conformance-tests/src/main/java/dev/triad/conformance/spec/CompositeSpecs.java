package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;

import java.util.List;

import static dev.triad.conformance.spec.In.bool;
import static dev.triad.conformance.spec.In.f32;
import static dev.triad.conformance.spec.In.idx;
import static dev.triad.conformance.spec.In.key;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.conformance.spec.In.x;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.BOOL;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;
import static dev.triad.spi.types.DType.I32;
import static dev.triad.spi.types.DType.I64;

/**
 * Op database entries of the composites. Their reference is their own decomposition run over
 * the reference interpreter; most also have an independent direct formula
 * ({@link dev.triad.conformance.reference.DirectFormulas}). Tolerances are looser than for
 * primitives: a fused kernel and a decomposition round differently.
 */
final class CompositeSpecs {
    private CompositeSpecs() {}

    private static Attrs axis(int a) { return Attrs.of(Keys.AXIS, a); }
    private static Attrs axes(boolean keep, int... a) { return Attrs.of(Keys.AXES, a, Keys.KEEP_DIMS, keep); }

    private static OpSpec.Builder composite(Primitive p) {
        return OpSpec.builder(p, F32, F64, BF16).looser(2);
    }

    private static OpSpec softmaxLike(Primitive p) {
        ValueGen g = Gen.uniform(-3, 3);
        return composite(p)
                .sample("[3,5] along 1", axis(1), x(g, 3, 5))
                .sample("[2,3,4] along 0", axis(0), x(g, 2, 3, 4))
                .sample("odd [7]", axis(0), x(g, 7))
                .sample("[4,1] along a size-1 axis", axis(1), x(g, 4, 1))
                .sample("large logits (stability)", axis(1), x(Gen.fixed(1000, 1001, 999, -1000, 0, 3), 2, 3)).last(Sample::forwardOnly)
                .sample("-inf entries", axis(0), x(Gen.fixed(Double.NEGATIVE_INFINITY, 1, 2, Double.NEGATIVE_INFINITY), 4)).last(Sample::forwardOnly)
                .sample("empty [0,3]", axis(1), x(g, 0, 3)).last(Sample::forwardOnly)
                .secondOrder(true)
                .error("axis 2 for rank 2", axis(2), AttributeException.class, f32(3, 4))
                .error("integer input", axis(0), DTypeException.class, of(I32, Gen.normalish(), 3))
                .build();
    }

    private static OpSpec.Builder meanLike(Primitive p, Attrs a1, Attrs a2, Attrs a3) {
        ValueGen g = Gen.uniform(-3, 3);
        return composite(p)
                .sample("[3,5] over axis 1", a1, x(g, 3, 5))
                .sample("[2,3,4] over 0 and 2, keep dims", a2, x(g, 2, 3, 4))
                .sample("odd [7] over everything", a3, x(g, 7))
                .error("axis 2 for rank 2", a1.with(Keys.AXES, new int[] {2}), AttributeException.class, f32(3, 4));
    }

    static List<OpSpec> specs() {
        ValueGen g = Gen.uniform(-2, 2);
        ValueGen awayFromZero = Gen.awayFrom(-3, 3, 0.1, 0);
        Attrs ln1 = Attrs.of(Keys.NORMALIZED_NDIM, 1, Keys.EPS, 1e-5);
        Attrs ln2 = Attrs.of(Keys.NORMALIZED_NDIM, 2, Keys.EPS, 1e-3);
        Attrs bn = Attrs.of(Keys.EPS, 1e-5);
        Attrs ce0 = Attrs.of(Keys.LABEL_SMOOTHING, 0.0);
        Attrs ce1 = Attrs.of(Keys.LABEL_SMOOTHING, 0.1);
        return List.of(
                softmaxLike(Prims.SOFTMAX),
                softmaxLike(Prims.LOG_SOFTMAX),
                meanLike(Prims.LOGSUMEXP, axes(false, 1), axes(true, 0, 2), axes(false, 0))
                        .sample("large values (stability)", axes(false, 1), x(Gen.fixed(1000, 1001, 999, -1000, 0, 3), 2, 3)).last(Sample::forwardOnly)
                        .sample("all -inf row", axes(false, 1), x(Gen.fixed(Double.NEGATIVE_INFINITY), 2, 3)).last(Sample::forwardOnly)
                        .secondOrder(true)
                        .build(),
                meanLike(Prims.MEAN, axes(false, 1), axes(true, 0, 2), axes(false, 0)).secondOrder(true).build(),
                meanLike(Prims.VARIANCE, Attrs.of(Keys.AXES, new int[] {1}, Keys.KEEP_DIMS, false, Keys.CORRECTION, 0),
                        Attrs.of(Keys.AXES, new int[] {0, 2}, Keys.KEEP_DIMS, true, Keys.CORRECTION, 1),
                        Attrs.of(Keys.AXES, new int[] {0}, Keys.KEEP_DIMS, false, Keys.CORRECTION, 1))
                        .secondOrder(true)
                        .notes("divides by n - correction")
                        .build(),
                composite(Prims.LAYER_NORM)
                        .sample("[3,5] over the last axis", ln1, x(g, 3, 5), x(g, 5), x(g, 5))
                        .sample("[2,3,4] over the last two", ln2, x(g, 2, 3, 4), x(g, 3, 4), x(g, 3, 4))
                        .sample("odd [7] vector", ln1, x(g, 7), x(g, 7), x(g, 7))
                        .error("gamma of the wrong shape", ln1, ShapeException.class, f32(3, 5), f32(4), f32(5))
                        .error("normalized_ndim larger than the rank", Attrs.of(Keys.NORMALIZED_NDIM, 3, Keys.EPS, 1e-5), AttributeException.class, f32(3, 5), f32(5), f32(5))
                        .build(),
                composite(Prims.BATCH_NORM)
                        .sample("[4,3] per channel", bn, x(g, 4, 3), x(g, 3), x(g, 3))
                        .sample("[2,3,5] NCL", bn, x(g, 2, 3, 5), x(g, 3), x(g, 3))
                        .sample("[2,3,2,2] NCHW", Attrs.of(Keys.EPS, 1e-3), x(g, 2, 3, 2, 2), x(g, 3), x(g, 3))
                        .error("gamma of the wrong size", bn, ShapeException.class, f32(4, 3), f32(4), f32(3))
                        .error("rank 1 input", bn, ShapeException.class, f32(4), f32(4), f32(4))
                        .build(),
                unaryComposite(Prims.RELU, awayFromZero),
                unaryComposite(Prims.GELU, Gen.uniform(-3, 3)),
                unaryComposite(Prims.GELU_TANH, Gen.uniform(-3, 3)),
                unaryComposite(Prims.SILU, Gen.uniform(-3, 3)),
                composite(Prims.LINEAR)
                        .sample("[4,3] by [5,3] + [5]", x(g, 4, 3), x(g, 5, 3), x(g, 5))
                        .sample("batched [2,3,3] by [2,3] + [2]", x(g, 2, 3, 3), x(g, 2, 3), x(g, 2))
                        .sample("vector [3] by [2,3] + [2]", x(g, 3), x(g, 2, 3), x(g, 2))
                        .secondOrder(true)
                        .error("in-features differ", ShapeException.class, f32(4, 3), f32(5, 4), f32(5))
                        .error("bias of the wrong size", ShapeException.class, f32(4, 3), f32(5, 3), f32(4))
                        .build(),
                composite(Prims.CROSS_ENTROPY)
                        .sample("[4,5] with i64 labels", ce0, x(g, 4, 5), idx(I64, 5, 4))
                        .sample("[3,7] with i32 labels, smoothing 0.1", ce1, x(g, 3, 7), idx(I32, 7, 3))
                        .sample("a single row [1,3]", ce0, x(g, 1, 3), idx(I64, 3, 1))
                        .sample("large logits (stability)", ce0, x(Gen.fixed(1000, -1000, 0, 500), 2, 2), of(I64, Gen.fixed(0, 1), 2)).last(Sample::forwardOnly)
                        .secondOrder(true)
                        .error("float labels", ce0, DTypeException.class, f32(4, 5), f32(4))
                        .error("labels of the wrong length", ce0, ShapeException.class, f32(4, 5), idx(I64, 5, 3))
                        .error("rank 1 logits", ce0, ShapeException.class, f32(5), idx(I64, 5, 5))
                        .notes("label smoothing s uses the target (1 - s) * onehot + s / C, as PyTorch")
                        .build(),
                composite(Prims.CROSS_ENTROPY_GRAD)
                        .sample("[4,5] with i64 labels", ce0, x(g, 4, 5), idx(I64, 5, 4), x(g))
                        .sample("[3,7] with i32 labels, smoothing 0.1", ce1, x(g, 3, 7), idx(I32, 7, 3), x(g))
                        .sample("large logits (stability)", ce0, x(Gen.fixed(1000, -1000, 0, 500), 2, 2), of(I64, Gen.fixed(0, 1), 2), x(g)).last(Sample::forwardOnly)
                        .error("g not a scalar", ce0, ShapeException.class, f32(4, 5), idx(I64, 5, 4), f32(4))
                        .error("float labels", ce0, DTypeException.class, f32(4, 5), f32(4), f32())
                        .notes("cross_entropy's VJP: (softmax(logits) - target) * g / N")
                        .build(),
                composite(Prims.SCALED_ADD)
                        .sample("[3,4] + 0.5 * [3,4]", Attrs.of(Keys.ALPHA, 0.5), x(g, 3, 4), x(g, 3, 4))
                        .sample("[4] broadcast into [2,3,4], alpha -2", Attrs.of(Keys.ALPHA, -2.0), x(g, 2, 3, 4), x(g, 4))
                        .sample("odd [7] with a scalar b, alpha 1", Attrs.of(Keys.ALPHA, 1.0), x(g, 7), x(g))
                        .secondOrder(true)
                        .error("b broadcasting a to a larger shape", Attrs.of(Keys.ALPHA, 1.0), ShapeException.class, f32(4), f32(3, 4))
                        .error("integer operands", Attrs.of(Keys.ALPHA, 1.0), DTypeException.class, of(I32, Gen.normalish(), 3), of(I32, Gen.normalish(), 3))
                        .error("b of another dtype", Attrs.of(Keys.ALPHA, 1.0), DTypeException.class, f32(3), of(F64, Gen.normalish(), 3))
                        .error("alpha NaN", Attrs.of(Keys.ALPHA, Double.NaN), AttributeException.class, f32(3), f32(3))
                        .notes("the optimizer update a + alpha * b; a fused kernel rounds the product, then the sum, as the decomposition")
                        .build(),
                composite(Prims.DROPOUT)
                        .sample("[4,5] rate 0.5", Attrs.of(Keys.RATE, 0.5), x(g, 4, 5), key(1, 2))
                        .sample("rate 0 keeps everything", Attrs.of(Keys.RATE, 0.0), x(g, 7), key(3, 4))
                        .sample("[3,3] rate 0.25", Attrs.of(Keys.RATE, 0.25), x(g, 3, 3), key(-5, 9))
                        .error("key of dtype f32", Attrs.of(Keys.RATE, 0.5), DTypeException.class, f32(4), f32(2))
                        .error("rate 1.5", Attrs.of(Keys.RATE, 1.5), AttributeException.class, f32(4), key(0, 0))
                        .notes("which bits map to kept elements is left to the decomposition: backends are compared with it, not with a formula")
                        .build(),
                composite(Prims.ATTENTION)
                        .sample("[2,4,3] x [2,5,3] x [2,5,2]", Attrs.of(Keys.SCALE, 0.5, Keys.CAUSAL, false), x(g, 2, 4, 3), x(g, 2, 5, 3), x(g, 2, 5, 2))
                        .sample("causal [4,3], scale 1/sqrt(D)", Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, true), x(g, 4, 3), x(g, 4, 3), x(g, 4, 2))
                        .sample("mask [4,5] broadcast over heads", Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, false),
                                x(g, 2, 4, 3), x(g, 2, 5, 3), x(g, 2, 5, 2), of(BOOL, Gen.fixed(1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1), 4, 5))
                        .secondOrder(true)
                        .error("head dims differ", Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, false), ShapeException.class, f32(4, 3), f32(5, 2), f32(5, 2))
                        .error("key and value lengths differ", Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, false), ShapeException.class, f32(4, 3), f32(5, 3), f32(6, 2))
                        .error("mask of dtype f32", Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, false), DTypeException.class, f32(4, 3), f32(5, 3), f32(5, 2), f32(4, 5))
                        .notes("causal: query i attends keys j <= i (samples use Lq = Lk); every mask row keeps at least one key")
                        .build());
    }

    private static OpSpec unaryComposite(Primitive p, ValueGen g) {
        return composite(p)
                .sample("odd [7]", x(g, 7))
                .sample("[3,5]", x(g, 3, 5))
                .sample("scalar", x(g))
                .sample("NaN and infinities", x(Gen.specials(), 7)).last(Sample::forwardOnly)
                .sample("empty [0]", x(g, 0)).last(Sample::forwardOnly)
                .secondOrder(true)
                .error("bool input", DTypeException.class, bool(3))
                .build();
    }
}
