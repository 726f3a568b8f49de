package dev.triad.conformance.autodiff;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.autodiff.Autodiff;
import dev.triad.spi.autodiff.JvpResult;
import dev.triad.spi.autodiff.OpsFunction;
import dev.triad.spi.autodiff.VjpResult;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.triad.conformance.autodiff.Fd.R;
import static dev.triad.conformance.autodiff.Fd.TOL;
import static dev.triad.conformance.autodiff.Fd.assertClose;
import static dev.triad.conformance.autodiff.Fd.assertVjp;
import static dev.triad.conformance.autodiff.Fd.f64;
import static dev.triad.conformance.autodiff.Fd.numericJvp;
import static dev.triad.conformance.autodiff.Fd.rand;
import static dev.triad.conformance.autodiff.Fd.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reverse and forward mode of {@link Autodiff} against finite differences, to first order
 * and, by nesting, to second and third order. A higher-order check differentiates a function
 * that itself calls {@link Autodiff}; its finite differences evaluate that function, whose
 * first-order result the first-order tests check.
 */
class AutodiffTest {
    /** Checks reverse mode (with a random cotangent) and forward mode (random tangents) of {@code f} at {@code xs}. */
    private static void check(String what, OpsFunction<RefArray> f, List<RefArray> xs) {
        VjpResult<RefArray> r = Autodiff.vjp(R, f, xs);
        RefArray cot = rand(77, r.output().shape().toArray());
        assertVjp(f, xs, cot, r.pullback().apply(cot), what + " vjp");
        List<RefArray> ts = new java.util.ArrayList<>();
        for (int i = 0; i < xs.size(); i++) ts.add(xs.get(i).dtype().isFloating() ? rand(300 + i, xs.get(i).shape().toArray()) : null);
        JvpResult<RefArray> j = Autodiff.jvp(R, f, xs, ts);
        assertClose(r.output(), j.output(), 0, what + " jvp output");
        assertClose(numericJvp(f, xs, ts), j.tangent(), TOL, what + " jvp");
    }

    /** {@code x -> grad(sum(f))(x)[argnum]}: the gradient as a function that can be differentiated again. */
    private static OpsFunction<RefArray> gradient(OpsFunction<RefArray> f, int argnum) {
        return Autodiff.gradOf((o, in) -> o.sum(f.apply(o, in)), argnum);
    }

    private static final OpsFunction<RefArray> TANH_X = (o, in) -> o.mul(o.tanh(in.get(0)), in.get(0));
    private static final OpsFunction<RefArray> SIN_MATMUL = (o, in) -> o.sin(o.matmul(in.get(0), in.get(1)));
    private static final OpsFunction<RefArray> REDUCTIONS = (o, in) -> {
        RefArray x = in.get(0);
        RefArray rows = o.square(o.sum(x, new int[] {1}, false));
        RefArray peak = o.reduceMax(o.mul(x, x), new int[] {0}, false);
        RefArray prod = o.prod(o.add(x, 2.0), new int[] {1}, false);
        return o.add(o.add(o.sum(rows), o.sum(peak)), o.add(o.sum(prod), o.logsumexp(x, new int[] {0, 1}, false)));
    };
    private static final OpsFunction<RefArray> SOFTMAX = (o, in) -> o.mul(o.softmax(in.get(0), 1), in.get(1));

    @Test
    void firstOrderElementwiseMatmulReductionsSoftmax() {
        check("tanh(x) * x", TANH_X, List.of(rand(1, 2, 3)));
        check("sin(a b)", SIN_MATMUL, List.of(rand(2, 2, 3), rand(3, 3, 4)));
        check("reductions", REDUCTIONS, List.of(rand(4, 3, 4)));
        check("softmax(x) * w", SOFTMAX, List.of(uniform(5, -2, 2, 3, 4), rand(6, 3, 4)));
        check("broadcasting and where", (o, in) -> o.where(o.gt(in.get(0), 0.0), o.mul(in.get(0), in.get(1)), o.exp(in.get(1))),
                List.of(Fd.uniform(7, 0.1, 1, 2, 3), rand(8, 3)));
    }

    @Test
    void secondOrderElementwise() {
        check("grad of tanh(x) * x", gradient(TANH_X, 0), List.of(rand(11, 2, 3)));
    }

    @Test
    void secondOrderMatmul() {
        List<RefArray> xs = List.of(rand(12, 2, 3), rand(13, 3, 4));
        check("grad_a of sin(a b)", gradient(SIN_MATMUL, 0), xs);
        check("grad_b of sin(a b)", gradient(SIN_MATMUL, 1), xs);
    }

    @Test
    void secondOrderReductions() {
        check("grad of reductions", gradient(REDUCTIONS, 0), List.of(rand(14, 3, 4)));
        check("grad of mean and variance", gradient((o, in) -> o.mul(o.variance(in.get(0), new int[] {1}, false, 1),
                o.mean(in.get(0), new int[] {1}, false)), 0), List.of(rand(15, 3, 4)));
    }

    @Test
    void secondOrderSoftmaxFamily() {
        List<RefArray> xs = List.of(uniform(16, -2, 2, 3, 4), rand(17, 3, 4));
        check("grad of softmax(x) * w", gradient(SOFTMAX, 0), xs);
        check("grad of log_softmax(x)^2", gradient((o, in) -> o.square(o.logSoftmax(in.get(0), 0)), 0), List.of(rand(18, 3, 4)));
    }

    @Test
    void secondOrderThroughDerivedCompositeRules() {
        // layer_norm and cross_entropy have no direct rule: their VJP is derived from the decomposition, differentiated again here.
        List<RefArray> ln = List.of(rand(19, 2, 4), uniform(20, 0.5, 1.5, 4), rand(21, 4));
        check("grad_x of layer_norm", gradient((o, in) -> o.square(o.layerNorm(in.get(0), in.get(1), in.get(2), 1, 1e-5)), 0), ln);
        RefArray labels = RefArray.ofLongs(DType.I64, Shape.of(3), 2, 0, 4);
        check("grad of cross_entropy", gradient((o, in) -> o.crossEntropy(in.get(0), in.get(1), 0.1), 0),
                List.of(uniform(22, -2, 2, 3, 5), labels));
    }

    @Test
    void thirdOrderOfTanh() {
        OpsFunction<RefArray> f = (o, in) -> o.tanh(in.get(0));
        RefArray x = f64(Shape.SCALAR, 0.3);
        RefArray d3 = Autodiff.gradOf(Autodiff.gradOf(Autodiff.gradOf(f, 0), 0), 0).apply(R, List.of(x));
        double t = Math.tanh(0.3);
        // d/dx tanh = 1 - t^2; d2 = -2 t (1 - t^2); d3 = (1 - t^2)(6 t^2 - 2).
        assertClose(f64(Shape.SCALAR, (1 - t * t) * (6 * t * t - 2)), d3, 1e-12, "third derivative of tanh");
    }

    @Test
    void hessianVectorProductIsForwardOverReverse() {
        OpsFunction<RefArray> g = gradient(SIN_MATMUL, 0);
        List<RefArray> xs = List.of(rand(23, 2, 3), rand(24, 3, 4));
        List<RefArray> ts = Arrays.asList(rand(25, 2, 3), null);
        assertClose(numericJvp(g, xs, ts), Autodiff.jvp(R, g, xs, ts).tangent(), TOL, "hvp");
    }

    @Test
    void capturedOuterValuesAreConstantsOfTheInnerDerivative() {
        // d/dx [x * d/dy (x * y)] = d/dx [x * x] = 2x: the inner derivative must not treat x as varying.
        OpsFunction<RefArray> outer = (o, in) -> {
            RefArray x = in.get(0);
            RefArray inner = Autodiff.<RefArray>gradOf((oi, ys) -> oi.mul(x, ys.get(0)), 0).apply(o, List.of(f64(Shape.SCALAR, 5.0)));
            return o.mul(x, inner);
        };
        List<RefArray> g = Autodiff.grad(R, outer, List.of(f64(Shape.SCALAR, 1.5)));
        assertClose(f64(Shape.SCALAR, 3.0), g.get(0), 1e-12, "2x");
    }

    @Test
    void aValuePassedTwiceGetsOneCotangentPerPosition() {
        RefArray x = rand(26, 3);
        List<RefArray> g = Autodiff.vjp(R, (o, in) -> o.mul(o.sin(in.get(0)), in.get(1)), List.of(x, x)).pullback().apply(R.onesLike(x));
        assertClose(R.mul(R.cos(x), x), g.get(0), 1e-12, "d/da sin(a) b");
        assertClose(R.sin(x), g.get(1), 1e-12, "d/db sin(a) b");
    }

    @Test
    void integerInputsAndIntegerPathsCarryNoGradient() {
        RefArray x = rand(27, 4);
        RefArray n = RefArray.ofLongs(DType.I32, Shape.of(4), 1, 2, 3, 4);
        OpsFunction<RefArray> f = (o, in) -> o.sum(o.add(o.mul(in.get(0), o.cast(in.get(1), DType.F64)),
                o.cast(o.cast(in.get(0), DType.I32), DType.F64)));
        List<RefArray> g = Autodiff.grad(R, f, List.of(x, n));
        assertClose(R.cast(n, DType.F64), g.get(0), 0, "only the float path");
        assertNull(g.get(1));
    }

    @Test
    void constantOutputsGiveZeroGradients() {
        RefArray x = rand(28, 2);
        List<RefArray> g = Autodiff.grad(R, (o, in) -> o.sum(o.full(Shape.of(2), DType.F64, 3.0)), List.of(x));
        assertClose(R.zerosLike(x), g.get(0), 0, "zeros");
        assertEquals(x.type(), g.get(0).type());
    }
}
