package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.functional.Array;
import dev.triad.functional.Jvp;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.Vjp;
import dev.triad.functional.lax;
import dev.triad.functional.np;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code jvp}, {@code vjp} and {@code grad} of the functional front-end against central finite
 * differences, in F64, for each gradient sample of an op and each of its differentiable
 * inputs (the others are closed over as constants). With a random direction u and cotangent w,
 * and {@code d = (f(x + eps u) - f(x - eps u)) / 2 eps}:
 * {@code jvp(f, x, u)} must match d elementwise, and {@code <vjp(f, x)(w), u>} and
 * {@code <grad(x -> sum(f(x) * w)), u>} must match {@code <w, d>}.
 */
final class FunctionalGradientCheck {
    private FunctionalGradientCheck() {}

    static final String NAME = "functional grad, jvp, vjp vs finite differences";

    private static final int MAX_SAMPLES = 2;

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        if (p.derivative() == Primitive.Derivative.NONE) {
            return CheckResult.notApplicable(backend.name(), p.name(), NAME, "declared non-differentiable");
        }
        List<Sample> samples = spec.samplesFor(DType.F64).stream().filter(Sample::forGradient).limit(MAX_SAMPLES).toList();
        if (samples.isEmpty()) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "no F64 gradient samples");
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        try (Platform.Restore r = Platform.use(backend)) {
            for (Sample s : samples) {
                List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
                Attrs attrs = s.attrsFor(DType.F64);
                TensorType out;
                try {
                    List<TensorType> types = new ArrayList<>();
                    for (RefArray a : x) types.add(a.type());
                    out = p.inferType(types, attrs);
                } catch (RuntimeException e) {
                    log.failed(s.name(), "shape rule: " + CaseLog.describe(e));
                    continue;
                }
                if (!out.dtype().isFloating()) continue;
                for (int i = 0; i < x.size(); i++) {
                    if (!p.isDifferentiableInput(i) || !x.get(i).dtype().isFloating()) continue;
                    String name = s.name() + ", input " + i;
                    try (Scope scope = Scope.open()) {
                        checkInput(spec, s, x, attrs, out, i, name, log);
                    } catch (Throwable e) {
                        log.threw(name, e);
                    }
                }
            }
        }
        return log.result();
    }

    private static void checkInput(OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, TensorType out, int i, String name, CaseLog log) {
        Primitive p = spec.primitive();
        double eps = spec.gradientEps();
        Tolerance tol = spec.gradientTolerance();
        List<Array> xs = Values.arrays(x);
        Function<Array, Array> f = t -> {
            List<Array> in = new ArrayList<>(xs);
            in.set(i, t);
            return lax.bind(p, attrs, in);
        };
        RefArray u = Values.direction(x.get(i).shape(), s.seed(p.name(), 100 + i));
        RefArray w = Values.direction(out.shape(), s.seed(p.name(), 200 + i));
        RefArray plus = Values.ref(f.apply(Values.array(Values.axpy(x.get(i), eps, u))));
        RefArray minus = Values.ref(f.apply(Values.array(Values.axpy(x.get(i), -eps, u))));
        double[] d = new double[plus.size()];
        for (int k = 0; k < d.length; k++) d[k] = (plus.get(k) - minus.get(k)) / (2 * eps);
        RefArray fd = RefArray.of(plus.dtype(), plus.shape(), d);
        double scale = Values.maxAbs(fd);

        Array xi = xs.get(i);
        Jvp<Array> j = Transforms.jvp(f, xi, Values.array(u));
        log.compared("jvp, " + name, Comparison.of(Values.ref(j.tangentOut()), fd, new Tolerance(tol.atol() * (1 + scale), tol.rtol())));

        double rhs = Values.dot(w, fd);
        Array wa = Values.array(w);
        try (Vjp<Array, Array> v = Transforms.vjp(f, xi)) {
            RefArray ct = Values.ref(v.pullback(wa));
            if (!ct.type().equals(x.get(i).type())) {
                log.failed("vjp, " + name, "cotangent has type " + ct.type() + ", expected the input's " + x.get(i).type());
            } else {
                log.compared("vjp, " + name, inner(ct, u, w, fd, rhs, tol, "<vjp(w), u> vs <w, finite difference>"));
            }
        }
        RefArray g = Values.ref(Transforms.grad((Array t) -> np.sum(np.multiply(f.apply(t), wa))).apply(xi));
        log.compared("grad, " + name, inner(g, u, w, fd, rhs, tol, "<grad(sum(f * w)), u> vs <w, finite difference>"));
    }

    private static Comparison inner(RefArray g, RefArray u, RefArray w, RefArray fd, double rhs, Tolerance tol, String what) {
        double lhs = Values.dot(g, u);
        double allowed = tol.atol() * (1 + Values.absDot(w, fd) + Values.absDot(g, u)) + tol.rtol() * Math.abs(rhs);
        return Comparison.scalars(lhs, rhs, allowed, what);
    }
}
