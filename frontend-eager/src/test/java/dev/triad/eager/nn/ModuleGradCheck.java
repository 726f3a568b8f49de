package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finite-difference checks (float64) of a layer's gradients with respect to its input and its parameters. */
final class ModuleGradCheck {
    private ModuleGradCheck() {}

    static void check(Module m, Tensor x) { check(m::apply, m.parameters(), x); }

    /** Checks {@code f} with respect to {@code x} (if it requires grad) and every tensor of {@code params}. */
    static void check(Function<Tensor, Tensor> f, List<Tensor> params, Tensor x) {
        double eps = 1e-6;
        try (var _ = Scope.open()) {
            Tensor out = f.apply(x);
            Tensor w = Tensors.rand(new Generator(5), DType.F64, out.shape().toArray()).add(0.5);
            double[] wv = w.toDoubleArray();
            List<Tensor> targets = new ArrayList<>();
            if (x.requiresGrad()) targets.add(x);
            targets.addAll(params);
            List<Tensor> grads = Autograd.grad(List.of(out.mul(w).sum()), targets, null, false, false);
            for (int i = 0; i < targets.size(); i++) {
                Tensor t = targets.get(i);
                double[] base = t.toDoubleArray();
                double[] analytic = grads.get(i) == null ? new double[base.length] : grads.get(i).toDoubleArray();
                for (int k = 0; k < base.length; k++) {
                    double plus = eval(f, x, t, base, k, eps, wv), minus = eval(f, x, t, base, k, -eps, wv);
                    double numeric = (plus - minus) / (2 * eps);
                    assertEquals(numeric, analytic[k], 1e-6 + 1e-5 * Math.abs(numeric), "gradient of " + (t == x ? "the input" : "parameter " + (i - 1))
                            + " " + t.type() + " at element " + k);
                }
            }
        }
    }

    private static double eval(Function<Tensor, Tensor> f, Tensor x, Tensor target, double[] base, int k, double delta, double[] w) {
        try (var _ = Scope.open(); var _ = Autograd.noGrad()) {
            double[] v = base.clone();
            v[k] += delta;
            Tensor perturbed = Tensors.fromHost(HostArray.fromDoubles(target.dtype(), target.shape(), v));
            Tensor input = x;
            if (target == x) input = perturbed;
            else target.copy_(perturbed);
            double[] out = f.apply(input).toDoubleArray();
            if (target != x) target.copy_(Tensors.fromHost(HostArray.fromDoubles(target.dtype(), target.shape(), base)));
            double sum = 0;
            for (int j = 0; j < out.length; j++) sum += out[j] * w[j];
            return sum;
        }
    }

    /** A float64 input in [-1, 1) that requires grad. */
    static Tensor input(long seed, long... shape) {
        try (var _ = Scope.open()) {
            return Scope.escape(Tensors.rand(new Generator(seed), DType.F64, shape).mul(2).sub(1)).requiresGrad_();
        }
    }
}
