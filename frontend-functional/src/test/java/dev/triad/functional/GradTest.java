package dev.triad.functional;

import static dev.triad.functional.Transforms.grad;
import static dev.triad.functional.Transforms.hessian;
import static dev.triad.functional.Transforms.jacfwd;
import static dev.triad.functional.Transforms.jacrev;
import static dev.triad.functional.Transforms.jit;
import static dev.triad.functional.Transforms.jvp;
import static dev.triad.functional.Transforms.linearize;
import static dev.triad.functional.Transforms.stopGradient;
import static dev.triad.functional.Transforms.valueAndGrad;
import static dev.triad.functional.Transforms.vjp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

class GradTest {
    private static final Array X = Check.f64(new double[] {0.5, -1.2, 2.0});

    @Test
    void gradientOfElementwiseFunction() {
        Function<Array, Array> f = x -> np.sum(np.multiply(np.sin(x), x));
        double[] e = new double[3];
        double[] x = X.toDoubleArray();
        for (int i = 0; i < 3; i++) e[i] = Math.sin(x[i]) + x[i] * Math.cos(x[i]);
        Check.close(e, grad(f).apply(X), 1e-12, 3);
    }

    @Test
    void higherOrderDerivativesNest() {
        Function<Array, Array> f = x -> np.sin(x);
        Array x = np.scalar(0.7, DType.F64);
        Check.close(new double[] {-Math.sin(0.7)}, grad(grad(f)).apply(x), 1e-12);
        Check.close(new double[] {-Math.cos(0.7)}, grad(grad(grad(f))).apply(x), 1e-12);
        Check.close(new double[] {Math.sin(0.7)}, grad(grad(grad(grad(f)))).apply(x), 1e-12);
    }

    @Test
    void nestedGradientsKeepTheirPerturbationsApart() {
        // d/dx [x * d/dy (x * y)] = d/dx x^2 = 2x (the classic perturbation-confusion check).
        Function<Array, Array> f = x -> np.multiply(x, grad((Array y) -> np.multiply(x, y)).apply(np.scalar(1.0, DType.F64)));
        Check.close(new double[] {2.0}, grad(f).apply(np.scalar(1.0, DType.F64)), 1e-12);
    }

    record Params(Array w, Array b) {}

    @Test
    void gradientOfAPytreeHasItsStructure() {
        Params p = new Params(Check.f64(new double[] {1, 2}, 2), np.scalar(0.5, DType.F64));
        Array xs = Check.f64(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Array ys = Check.f64(new double[] {1, 2, 3}, 3);
        BiFunction<Params, Array, Array> loss = (q, x) -> np.mean(np.square(np.subtract(np.add(np.matmul(x, q.w()), q.b()), ys)));
        ValueAndGrad<Params> vg = valueAndGrad(loss).apply(p, xs);
        // predictions 1.5, 2.5, 3.5; residuals 0.5 each; loss 0.25
        Check.close(new double[] {0.25}, vg.value(), 1e-12);
        Check.close(new double[] {2.0 / 3, 2.0 / 3}, vg.grad().w(), 1e-12, 2);
        Check.close(new double[] {1.0}, vg.grad().b(), 1e-12);
    }

    @Test
    void argnumsAndAuxiliaryOutputs() {
        Fn f = args -> np.sum(np.multiply((Array) args[0], np.square((Array) args[1])));
        Array a = Check.f64(new double[] {1, 2}), b = Check.f64(new double[] {3, 4});
        List<?> g = (List<?>) grad(f, 0, 1).apply(a, b);
        Check.close(new double[] {9, 16}, (Array) g.get(0), 1e-12, 2);
        Check.close(new double[] {6, 16}, (Array) g.get(1), 1e-12, 2);
        Check.close(new double[] {6, 16}, (Array) grad(f, 1).apply(a, b), 1e-12, 2);

        Fn withAux = args -> List.of(np.sum(np.square((Array) args[0])), np.multiply((Array) args[0], 10.0));
        List<?> vg = (List<?>) Transforms.valueAndGrad(withAux, new int[] {0}, true).apply(a);
        List<?> valueAux = (List<?>) vg.get(0);
        Check.close(new double[] {5}, (Array) valueAux.get(0), 1e-12);
        Check.close(new double[] {10, 20}, (Array) valueAux.get(1), 1e-12, 2);
        Check.close(new double[] {2, 4}, (Array) vg.get(1), 1e-12, 2);
    }

    @Test
    void vjpPullsBackEveryOutput() {
        Function<Array, List<Array>> f = x -> List.of(np.multiply(x, x), np.sum(np.sin(x)));
        try (Vjp<List<Array>, Array> v = vjp(f, X)) {
            double[] x = X.toDoubleArray();
            Check.close(new double[] {x[0] * x[0], x[1] * x[1], x[2] * x[2]}, v.out().get(0), 1e-12, 3);
            Array ct = v.pullback(List.of(Check.f64(new double[] {1, 0, 2}), np.scalar(3.0, DType.F64)));
            Check.close(new double[] {2 * x[0] + 3 * Math.cos(x[0]), 3 * Math.cos(x[1]), 4 * x[2] + 3 * Math.cos(x[2])}, ct, 1e-12, 3);
            // The pullback may be applied again.
            Array ct2 = v.pullback(List.of(Check.f64(new double[] {0, 0, 0}), np.scalar(1.0, DType.F64)));
            Check.close(new double[] {Math.cos(x[0]), Math.cos(x[1]), Math.cos(x[2])}, ct2, 1e-12, 3);
        }
    }

    @Test
    void jvpAndLinearize() {
        Function<Array, Array> f = x -> np.multiply(np.exp(x), np.sum(x));
        Array t = Check.f64(new double[] {1, 0, -1});
        double[] x = X.toDoubleArray();
        double s = x[0] + x[1] + x[2];
        double[] e = new double[3];
        double[] tv = {1, 0, -1};
        for (int i = 0; i < 3; i++) e[i] = Math.exp(x[i]) * tv[i] * s + Math.exp(x[i]) * 0;
        Jvp<Array> j = jvp(f, X, t);
        Check.close(new double[] {Math.exp(x[0]) * s, Math.exp(x[1]) * s, Math.exp(x[2]) * s}, j.primalOut(), 1e-12, 3);
        Check.close(e, j.tangentOut(), 1e-12, 3);

        AtomicInteger runs = new AtomicInteger();
        Function<Array, Array> counted = v -> {
            runs.incrementAndGet();
            return f.apply(v);
        };
        try (Linearized<Array, Array> lin = linearize(counted, X)) {
            Check.same(j.primalOut(), lin.out(), 1e-12);
            Check.same(j.tangentOut(), lin.apply(t), 1e-12);
            Array t2 = Check.f64(new double[] {0, 2, 0});
            Check.same(jvp(f, X, t2).tangentOut(), lin.apply(t2), 1e-12);
        }
        assertEquals(1, runs.get(), "linearize evaluates the function once and keeps only its linear part");
    }

    @Test
    void jacobiansAndHessian() {
        // f(x) = [x0 * x1, sin(x2) + x0^2]
        Function<Array, Array> f = x -> {
            Array x0 = np.index(x, 0), x1 = np.index(x, 1), x2 = np.index(x, 2);
            return np.stack(List.of(np.multiply(x0, x1), np.add(np.sin(x2), np.square(x0))), 0);
        };
        double[] x = X.toDoubleArray();
        double[] jac = {x[1], x[0], 0, 2 * x[0], 0, Math.cos(x[2])};
        Check.close(jac, jacfwd(f).apply(X), 1e-12, 2, 3);
        Check.close(jac, jacrev(f).apply(X), 1e-12, 2, 3);

        // g(x) = x0^2 x1 + sin(x2): H = [[2 x1, 2 x0, 0], [2 x0, 0, 0], [0, 0, -sin x2]]
        Function<Array, Array> g = v -> np.add(np.multiply(np.square(np.index(v, 0)), np.index(v, 1)), np.sin(np.index(v, 2)));
        double[] h = {2 * x[1], 2 * x[0], 0, 2 * x[0], 0, 0, 0, 0, -Math.sin(x[2])};
        Check.close(h, hessian(g).apply(X), 1e-12, 3, 3);
        Check.close(h, jacrev(jacrev(g)).apply(X), 1e-12, 3, 3);
        Check.close(h, jacfwd(jacfwd(g)).apply(X), 1e-12, 3, 3);

        // Hessian-vector product as forward over reverse.
        Array v = Check.f64(new double[] {1, 2, 3});
        double[] hv = {h[0] + 2 * h[1], h[3], 3 * h[8]};
        Check.close(hv, jvp(grad(g), X, v).tangentOut(), 1e-12, 3);
    }

    @Test
    void stopGradientCutsDerivativesEvenThroughJit() {
        Function<Array, Array> f = x -> np.sum(np.multiply(x, stopGradient(x)));
        Check.close(X.toDoubleArray(), grad(f).apply(X), 1e-12, 3);
        Check.close(X.toDoubleArray(), grad(jit(f)).apply(X), 1e-12, 3);
    }

    @Test
    void badInputsNameTheProblem() {
        Function<Array, Array> f = x -> np.sum(np.astype(x, DType.F32));
        DTypeException d = assertThrows(DTypeException.class, () -> grad(f).apply(np.arange(3)));
        assertTrue(d.getMessage().contains("i32[3]"), d.getMessage());
        ShapeException s = assertThrows(ShapeException.class, () -> grad((Array x) -> np.sin(x)).apply(X));
        assertTrue(s.getMessage().contains("f64[3]") && s.getMessage().contains("scalar"), s.getMessage());
        assertInstanceOf(Array.class, grad((Array x) -> np.sum(x)).apply(X));
    }
}
