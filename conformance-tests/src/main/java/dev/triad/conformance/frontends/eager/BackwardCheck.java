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
import dev.triad.eager.EagerOps;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * {@code backward()} of the eager front-end for one op, in F64 on a backend: for each gradient
 * sample of the op database (the ones {@link GradientCheck} uses, away from kinks), every
 * differentiable floating input is a leaf that requires grad, the op runs through
 * {@link EagerOps#apply}, and {@code sum(f(x) * v).backward()} fills the leaves' {@code grad}.
 * Each gradient must
 * <ul>
 *   <li>have the input's type and match, element by element, the op's spi VJP rule evaluated
 *       on the float64 reference with the same cotangent v — so the tape, the engine's
 *       accumulation and the views of the backward pass add nothing wrong; and</li>
 *   <li>satisfy {@code <grad, u> = <v, (f(x + eps u) - f(x - eps u)) / 2 eps>} for a random
 *       direction u, the difference taken on the reference — so a wrong rule is caught too.</li>
 * </ul>
 * Step and tolerances are the op's gradient settings.
 */
public final class BackwardCheck {
    private BackwardCheck() {}

    /** The check's name. */
    public static final String NAME = "eager backward() vs vjp rule and finite differences";

    /** Runs the check of {@code spec} on {@code backend}. */
    public static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        if (p.derivative() == Primitive.Derivative.NONE) {
            return CheckResult.notApplicable(backend.name(), p.name(), NAME, "declared non-differentiable");
        }
        List<Sample> samples = GradientCheck.samples(spec);
        if (samples.isEmpty()) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "no F64 gradient samples");
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        for (Sample s : samples) {
            List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
            Attrs attrs = s.attrsFor(DType.F64);
            RefArray out;
            try {
                out = ReferenceOps.INSTANCE.apply(p, attrs, x);
            } catch (RuntimeException e) {
                continue; // the forward check reports what the reference cannot compute
            }
            List<Integer> diff = Values.differentiable(p, x);
            if (!out.dtype().isFloating() || diff.isEmpty()) continue;
            try {
                checkSample(backend, spec, s, x, attrs, out, diff, log);
            } catch (Throwable e) {
                log.threw(s.name(), x, e); // a declared-unsupported op or dtype counts as unsupported
            }
        }
        return log.result();
    }

    private static void checkSample(Backend backend, OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, RefArray out,
                                    List<Integer> diff, CaseLog log) {
        Primitive p = spec.primitive();
        Tolerance tol = spec.gradientTolerance();
        RefArray v = Values.direction(out.shape(), s.seed(p.name(), 200));
        List<RefArray> expected = p.vjp(ReferenceOps.INSTANCE, x, out, v, attrs);
        try (var _ = Scope.open()) {
            List<Tensor> xs = Values.tensors(x, backend);
            for (int i : diff) xs.get(i).requiresGrad_(true);
            Tensor y = EagerOps.of(backend).apply(p, attrs, xs);
            y.mul(Values.tensor(v, backend)).sum().backward();
            for (int i : diff) {
                String caseName = s.name() + ", input " + i;
                Tensor g = xs.get(i).grad();
                if (g == null) {
                    log.failed(caseName, x, "backward() left no gradient on a differentiable input that requires grad");
                    continue;
                }
                RefArray got = Values.ref(g);
                if (!got.type().equals(x.get(i).type())) {
                    log.failed(caseName, x, "gradient has type " + got.type() + ", expected the input's " + x.get(i).type());
                    continue;
                }
                RefArray want = expected.get(i);
                double scale = Values.maxAbs(want);
                log.compared("vs vjp rule, " + caseName, x, Comparison.of(got, want, new Tolerance(tol.atol() * (1 + scale), tol.rtol())));
                RefArray u = Values.direction(x.get(i).shape(), s.seed(p.name(), 100 + i));
                RefArray fd = Values.centralDifference(p, attrs, x, i, u, spec.gradientEps());
                double lhs = Values.dot(got, u), rhs = Values.dot(v, fd);
                double allowed = tol.atol() * (1 + Values.absDot(v, fd) + Values.absDot(got, u)) + tol.rtol() * Math.abs(rhs);
                log.compared("vs finite differences, " + caseName, x, Comparison.scalars(lhs, rhs, allowed, "<grad, u> vs <v, finite difference>"));
            }
        }
    }
}
