package dev.triad.spi.autodiff;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tape machinery over identity-safe symbolic values: which derivatives exist, their types,
 * how programs are recorded, and the errors. The numbers are checked against finite
 * differences in the conformance suite.
 */
class AutodiffTypesTest {
    private static final Symbolic S = Symbolic.INSTANCE;

    private static Symbolic.Value v(DType t, long... dims) { return new Symbolic.Value(TensorType.of(t, dims)); }
    private static Symbolic.Value f32(long... dims) { return v(DType.F32, dims); }
    private static TensorType type(Symbolic.Value x) { return x == null ? null : x.type(); }
    private static List<TensorType> types(List<Symbolic.Value> xs) {
        List<TensorType> out = new ArrayList<>();
        for (Symbolic.Value x : xs) out.add(type(x));
        return out;
    }

    @Test
    void tapeRecordsEveryApplyInOrder() {
        Tape<Symbolic.Value> tape = new Tape<>(S);
        Symbolic.Value x = f32(3);
        Symbolic.Value y = tape.sin(tape.mul(x, x));
        List<Step<Symbolic.Value>> steps = tape.steps();
        assertEquals(List.of(Prims.MUL, Prims.SIN), steps.stream().map(Step::primitive).toList());
        assertEquals(List.of(x, x), steps.get(0).inputs());
        assertEquals(y, steps.get(1).output());
    }

    @Test
    void repeatedInputsGetFreshAliases() {
        Symbolic.Value x = f32(2);
        List<Symbolic.Value> d = Tape.distinct(S, List.of(x, x, f32(1)));
        assertEquals(x, d.get(0));
        assertNotSame(x, d.get(1));
        assertEquals(x.type(), d.get(1).type());
    }

    @Test
    void vjpGivesOneCotangentPerFloatInput() {
        Symbolic.Value x = f32(2, 3), y = f32(3), n = v(DType.I32, 2, 3);
        VjpResult<Symbolic.Value> r = Autodiff.vjp(S, (o, in) -> o.add(o.mul(o.sin(in.get(0)), in.get(1)), o.cast(in.get(2), DType.F32)),
                List.of(x, y, n));
        assertEquals(TensorType.of(DType.F32, 2, 3), r.output().type());
        List<Symbolic.Value> g = r.pullback().apply(f32(2, 3));
        assertEquals(Arrays.asList(x.type(), y.type(), null), types(g));
    }

    @Test
    void unusedInputsGetZeros() {
        Symbolic.Value x = f32(2), y = f32(4);
        List<Symbolic.Value> g = Autodiff.vjp(S, (o, in) -> o.exp(in.get(0)), List.of(x, y)).pullback().apply(f32(2));
        assertEquals(List.of(x.type(), y.type()), types(g));
    }

    @Test
    void vjpChecksTheCotangent() {
        VjpResult<Symbolic.Value> r = Autodiff.vjp(S, (o, in) -> o.exp(in.get(0)), List.of(f32(2)));
        ShapeException e = assertThrows(ShapeException.class, () -> r.pullback().apply(f32(3)));
        assertTrue(e.getMessage().startsWith("vjp: cotangent has type f32[3]; expected f32[2]"), e.getMessage());
        assertThrows(DTypeException.class, () -> r.pullback().apply(v(DType.F64, 2)));
    }

    @Test
    void gradNeedsAScalar() {
        ShapeException e = assertThrows(ShapeException.class, () -> Autodiff.grad(S, (o, in) -> o.exp(in.get(0)), List.of(f32(2))));
        assertTrue(e.getMessage().startsWith("grad: the function's output has type f32[2]; expected a floating scalar"), e.getMessage());
        assertEquals(List.of(TensorType.of(DType.F32, 2)), types(Autodiff.grad(S, (o, in) -> o.sum(o.exp(in.get(0))), List.of(f32(2)))));
    }

    @Test
    void secondOrderNestsThroughTheOuterTape() {
        OpsFunction<Symbolic.Value> f = (o, in) -> o.sum(o.mul(o.tanh(in.get(0)), in.get(0)));
        OpsFunction<Symbolic.Value> sumOfGrad = (o, in) -> o.sum(Autodiff.gradOf(f, 0).apply(o, in));
        List<Symbolic.Value> h = Autodiff.grad(S, sumOfGrad, List.of(f32(3)));
        assertEquals(List.of(TensorType.of(DType.F32, 3)), types(h));
    }

    @Test
    void jvpGivesTheOutputsTangent() {
        Symbolic.Value x = f32(2, 3), w = f32(3, 4);
        JvpResult<Symbolic.Value> r = Autodiff.jvp(S, (o, in) -> o.softmax(o.matmul(in.get(0), in.get(1)), 1),
                List.of(x, w), Arrays.asList(f32(2, 3), null));
        assertEquals(TensorType.of(DType.F32, 2, 4), r.tangent().type());
        assertThrows(ShapeException.class, () -> Autodiff.jvp(S, (o, in) -> in.get(0), List.of(x), List.of(f32(3))));
    }

    @Test
    void compositeVjpThroughTheDecomposition() {
        Symbolic.Value x = f32(2, 4), g = f32(4);
        // gamma and beta the same object: each position still gets its own cotangent.
        List<Symbolic.Value> cts = Prims.LAYER_NORM.vjp(S, List.of(x, g, g), f32(2, 4), f32(2, 4),
                Attrs.of(Keys.NORMALIZED_NDIM, 1, Keys.EPS, 1e-5));
        assertEquals(List.of(x.type(), g.type(), g.type()), types(cts));
    }

    @Test
    void nonDifferentiableInputsOfACompositeGetNull() {
        Symbolic.Value logits = f32(3, 5), labels = v(DType.I64, 3);
        List<Symbolic.Value> cts = Prims.CROSS_ENTROPY.vjp(S, List.of(logits, labels), f32(), f32(), Attrs.of(Keys.LABEL_SMOOTHING, 0.1));
        assertEquals(Arrays.asList(logits.type(), null), types(cts));
        Symbolic.Value t = Prims.DROPOUT.jvp(S, List.of(logits, v(DType.I32, 2)), f32(3, 5), List.of(f32(3, 5), v(DType.I32, 2)),
                Attrs.of(Keys.RATE, 0.5));
        assertEquals(logits.type(), t.type());
    }

    @Test
    void compositeBatchingReplaysTheDecomposition() {
        Ops<Symbolic.Value> o = S;
        Attrs ln = Attrs.of(Keys.NORMALIZED_NDIM, 1, Keys.EPS, 1e-5);
        // x [2, B=5, 4] batched at 1; gamma unbatched; beta batched at 0.
        Batched<Symbolic.Value> r = Prims.LAYER_NORM.batch(o, List.of(f32(2, 5, 4), f32(4), f32(5, 4)), new int[] {1, -1, 0}, ln);
        assertEquals(0, r.batchDim());
        assertEquals(TensorType.of(DType.F32, 5, 2, 4), r.value().type());
        Batched<Symbolic.Value> a = Prims.ATTENTION.batch(o, List.of(f32(3, 4, 8), f32(5, 8), f32(5, 6)), new int[] {0, -1, -1},
                Attrs.of(Keys.SCALE, 0.0, Keys.CAUSAL, true));
        assertEquals(TensorType.of(DType.F32, 3, 4, 6), a.value().type());
    }

    @Test
    void resultsThatIgnoreTheBatchAreBroadcastOverIt() {
        // dropout at rate 0 is x itself: a batch of keys alone leaves x unbatched.
        Batched<Symbolic.Value> r = Prims.DROPOUT.batch(S, List.of(f32(3), v(DType.I32, 7, 2)), new int[] {-1, 0}, Attrs.of(Keys.RATE, 0.0));
        assertEquals(new Batched<>(r.value(), 0), r);
        assertEquals(TensorType.of(DType.F32, 7, 3), r.value().type());
    }

    @Test
    void directRulesHaveTheInputsTypes() {
        Symbolic.Value x = f32(2, 3), y = f32(2, 3);
        Attrs axis = Attrs.of(Keys.AXIS, 1);
        assertEquals(x.type(), Prims.SOFTMAX.vjp(S, List.of(x), y, f32(2, 3), axis).get(0).type());
        assertEquals(x.type(), Prims.LOG_SOFTMAX.jvp(S, List.of(x), y, List.of(f32(2, 3)), axis).type());
        Attrs axes = Attrs.of(Keys.AXES, new int[] {0}, Keys.KEEP_DIMS, false);
        assertEquals(x.type(), Prims.MEAN.vjp(S, List.of(x), f32(3), f32(3), axes).get(0).type());
        assertEquals(x.type(), Prims.LOGSUMEXP.vjp(S, List.of(x), f32(3), f32(3), axes).get(0).type());
        assertEquals(TensorType.of(DType.F32, 3), Prims.VARIANCE.jvp(S, List.of(x), f32(3), List.of(f32(2, 3)),
                axes.with(Keys.CORRECTION, 1)).type());
        assertNull(Prims.MEAN.vjp(S, List.of(v(DType.I32, 2, 3)), f32(3), f32(3), axes).get(0));
        assertEquals(x.type(), Prims.GELU_TANH.vjp(S, List.of(x), y, f32(2, 3), Attrs.EMPTY).get(0).type());
    }
}
