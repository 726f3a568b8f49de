package dev.triad.eager;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks tape gradients against central finite differences in float64: the function's output
 * is reduced with fixed random weights so every output element matters.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Checks d f / d inputs for every input (f64 leaves that require grad). */
    public static void check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        check(f, inputs, 1e-6, 1e-6);
    }

    /** As {@link #check(Function, List)} with tolerances: |analytic - numeric| <= atol + rtol |numeric|. */
    public static void check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double eps, double tol) {
        try (var _ = Scope.open()) {
            Tensor out = f.apply(inputs);
            Tensor w = Tensors.rand(new Generator(99), DType.F64, out.shape().toArray()).add(0.5);
            Tensor loss = out.mul(w).sum();
            List<Tensor> grads = Autograd.grad(List.of(loss), inputs, null, false, false);
            for (int i = 0; i < inputs.size(); i++) {
                Tensor x = inputs.get(i);
                double[] base = x.toDoubleArray();
                double[] analytic = grads.get(i) == null ? new double[base.length] : grads.get(i).toDoubleArray();
                double[] wv = w.toDoubleArray();
                for (int k = 0; k < base.length; k++) {
                    double plus = eval(f, inputs, i, base, k, eps, wv);
                    double minus = eval(f, inputs, i, base, k, -eps, wv);
                    double numeric = (plus - minus) / (2 * eps);
                    double err = Math.abs(analytic[k] - numeric);
                    if (err > tol + 1e-4 * Math.abs(numeric)) {
                        assertEquals(numeric, analytic[k], tol, "gradient of input " + i + " " + x.type() + " at element " + k);
                    }
                }
            }
        }
    }

    private static double eval(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int which, double[] base, int k, double delta, double[] w) {
        try (var _ = Scope.open(); var _ = Autograd.noGrad()) {
            List<Tensor> args = new ArrayList<>(inputs);
            double[] v = base.clone();
            v[k] += delta;
            Tensor x = inputs.get(which);
            args.set(which, Tensors.fromHost(HostArray.fromDoubles(x.dtype(), x.shape(), v)));
            double[] out = f.apply(args).toDoubleArray();
            double sum = 0;
            for (int j = 0; j < out.length; j++) sum += out[j] * w[j];
            return sum;
        }
    }

    /** A random f64 leaf in [-1, 1) that requires grad (escaped from scopes: the caller keeps it). */
    public static Tensor leaf(long seed, long... shape) {
        try (var _ = Scope.open()) {
            Tensor t = Tensors.rand(new Generator(seed), DType.F64, shape).mul(2).sub(1);
            assertNotNull(t);
            return Scope.escape(t).requiresGrad_();
        }
    }
}
