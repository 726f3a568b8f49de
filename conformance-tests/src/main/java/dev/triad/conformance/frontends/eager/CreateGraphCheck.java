package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.check.GradientCheck;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.eager.Autograd;
import dev.triad.eager.EagerOps;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * Second derivatives through {@code createGraph}, in F64, for the ops whose spec asks for
 * second-order checks (elementwise math, matmul and convolution, reductions, softmax and the
 * other composites). With a cotangent v, directions w_i and u_i per differentiable input:
 * {@code sum(f(x) * v).backward(null, false, true)} records the backward pass, so the leaves'
 * gradients g_i can be differentiated again; {@code h = sum_i sum(g_i * w_i)} and
 * {@code Autograd.grad(h, x)} must satisfy {@code sum_i <grad_i h, u_i> = (H(x + eps u) - H(x - eps u)) / 2 eps},
 * where H is the same inner product of the first-order gradient computed by the op's VJP rule
 * on the float64 reference. A gradient that does not depend on x (h needs no grad) has a zero
 * second derivative, which the difference must confirm.
 */
public final class CreateGraphCheck {
    private CreateGraphCheck() {}

    /** The check's name. */
    public static final String NAME = "eager createGraph second order vs finite differences";

    /** At most this many samples: second order is the slowest derivative check, as in the op suite. */
    private static final int MAX_SAMPLES = 2;

    /** True when {@code spec} asks for second-order checks of a differentiable op. */
    public static boolean applies(OpSpec spec) {
        return spec.secondOrder() && spec.primitive().derivative() == Primitive.Derivative.DIFFERENTIABLE;
    }

    /** Runs the check of {@code spec} on {@code backend}. */
    public static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        if (!applies(spec)) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "the op's spec asks for no second-order checks");
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        int used = 0;
        for (Sample s : GradientCheck.samples(spec)) {
            if (used == MAX_SAMPLES) break;
            List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
            if (x.stream().anyMatch(a -> a.size() == 0)) continue;
            Attrs attrs = s.attrsFor(DType.F64);
            RefArray out;
            try {
                out = ReferenceOps.INSTANCE.apply(p, attrs, x);
            } catch (RuntimeException e) {
                continue;
            }
            List<Integer> diff = Values.differentiable(p, x);
            if (!out.dtype().isFloating() || diff.isEmpty()) continue;
            used++;
            try {
                checkSample(backend, spec, s, x, attrs, out, diff, log);
            } catch (Throwable e) {
                log.threw(s.name(), x, e);
            }
        }
        if (used == 0) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "no F64 gradient samples");
        return log.result();
    }

    private static void checkSample(Backend backend, OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, RefArray out,
                                    List<Integer> diff, CaseLog log) {
        Primitive p = spec.primitive();
        RefArray v = Values.direction(out.shape(), s.seed(p.name(), 300));
        List<RefArray> w = new ArrayList<>(), u = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            w.add(Values.direction(x.get(i).shape(), s.seed(p.name(), 400 + i)));
            u.add(Values.direction(x.get(i).shape(), s.seed(p.name(), 500 + i)));
        }
        double analytic = 0, scale = 0;
        try (var _ = Scope.open()) {
            List<Tensor> xs = Values.tensors(x, backend);
            List<Tensor> leaves = new ArrayList<>();
            for (int i : diff) leaves.add(xs.get(i).requiresGrad_(true));
            Tensor y = EagerOps.of(backend).apply(p, attrs, xs);
            y.mul(Values.tensor(v, backend)).sum().backward(null, false, true);
            Tensor h = null;
            for (int i : diff) {
                Tensor g = xs.get(i).grad();
                if (g == null) {
                    log.failed(s.name(), x, "backward(createGraph) left no gradient on input " + i);
                    return;
                }
                Tensor term = g.mul(Values.tensor(w.get(i), backend)).sum();
                h = h == null ? term : h.add(term);
            }
            if (h.requiresGrad()) {
                List<Tensor> second = Autograd.grad(List.of(h), leaves, null, false, false);
                for (int k = 0; k < diff.size(); k++) {
                    if (second.get(k) == null) continue; // h does not depend on this input
                    RefArray g2 = Values.ref(second.get(k));
                    analytic += Values.dot(g2, u.get(diff.get(k)));
                    scale += Values.absDot(g2, u.get(diff.get(k)));
                }
            }
        }
        // The same step and tolerance scaling as the op suite's second-order check.
        double eps = spec.gradientEps() * 10;
        double fd = (firstOrder(p, attrs, shifted(x, u, diff, eps), v, w, diff) - firstOrder(p, attrs, shifted(x, u, diff, -eps), v, w, diff)) / (2 * eps);
        Tolerance tol = spec.gradientTolerance().times(10);
        double allowed = tol.atol() * (1 + scale) + tol.rtol() * Math.abs(fd);
        log.compared(s.name(), x, Comparison.scalars(analytic, fd, allowed, "<grad <grad(sum(f * v)), w>, u> vs finite difference of the vjp rule"));
    }

    /** {@code sum_i <vjp_i(x, v), w_i>}: the first-order gradient's inner product, by the op's rule on the reference. */
    private static double firstOrder(Primitive p, Attrs attrs, List<RefArray> x, RefArray v, List<RefArray> w, List<Integer> diff) {
        RefArray out = ReferenceOps.INSTANCE.apply(p, attrs, x);
        List<RefArray> cts = p.vjp(ReferenceOps.INSTANCE, x, out, v, attrs);
        double h = 0;
        for (int i : diff) h += Values.dot(cts.get(i), w.get(i));
        return h;
    }

    private static List<RefArray> shifted(List<RefArray> x, List<RefArray> u, List<Integer> diff, double c) {
        List<RefArray> out = new ArrayList<>(x);
        for (int i : diff) out.set(i, Values.axpy(x.get(i), c, u.get(i)));
        return out;
    }
}
