package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.error.NotDifferentiableException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * First-order derivative rules against central finite differences, in F64 on the target. For
 * each gradient sample and each differentiable input i, with a random direction u and a random
 * cotangent v:
 * <ul>
 *   <li>JVP: {@code p.jvp} with tangent u on input i (zeros elsewhere) must match
 *       {@code (f(x + eps u) - f(x - eps u)) / 2 eps} element by element;</li>
 *   <li>VJP: {@code <p.vjp(v)_i, u>} must match {@code <v, that difference>}, and the
 *       cotangent must have input i's type; inputs declared non-differentiable get null.</li>
 * </ul>
 * Rules run through the target's own Ops (for a backend, {@link dev.triad.spi.backend.BackendOps}).
 * Ops declared {@link Primitive.Derivative#NONE} are not differentiated: the check only
 * confirms that their rules refuse with {@link NotDifferentiableException}, and reports them as
 * not applicable ("declared non-differentiable"), never as passes.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** The check's name. */
    public static final String NAME = "gradient (jvp, vjp)";

    /** The check's name for ops declared non-differentiable. */
    public static final String DECLARED_NONE = "declared non-differentiable";

    /** The samples the check uses. */
    public static List<Sample> samples(OpSpec spec) {
        return spec.samplesFor(DType.F64).stream().filter(Sample::forGradient).toList();
    }

    /** Runs the check on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        if (p.derivative() == Primitive.Derivative.NONE) return declaredNone(target, spec);
        CaseLog log = new CaseLog(target.name(), p.name(), NAME);
        List<Sample> samples = samples(spec);
        if (samples.isEmpty()) return CheckResult.notApplicable(target.name(), p.name(), NAME, "no F64 gradient samples");
        for (Sample s : samples) {
            List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
            Attrs attrs = s.attrsFor(DType.F64);
            TensorType type;
            try {
                type = CaseRunner.resultType(p, attrs, x);
            } catch (Throwable e) {
                log.failed(s.name(), x, "shape rule: " + CaseLog.describe(e));
                continue;
            }
            if (!type.dtype().isFloating()) continue;
            String why = CaseRunner.unsupported(target, p, x, type);
            if (why != null) {
                log.unsupported(s.name(), why);
                continue;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!p.isDifferentiableInput(i) || !x.get(i).dtype().isFloating()) continue;
                String caseName = s.name() + ", input " + i;
                try {
                    checkInput(target, spec, s, x, attrs, i, caseName, log);
                } catch (Throwable e) {
                    log.threw(caseName, x, e);
                }
            }
        }
        return log.result();
    }

    private static <T> void checkInput(Target<T> target, OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, int i, String caseName, CaseLog log) {
        Primitive p = spec.primitive();
        double eps = spec.gradientEps();
        Tolerance tol = spec.gradientTolerance();
        RefArray u = CaseRunner.direction(x.get(i), s.seed(p.name(), 100 + i));
        RefArray fd = finiteDifference(target, p, attrs, x, i, u, eps);
        RefArray v = CaseRunner.direction(fd, s.seed(p.name(), 200 + i));
        try (Session<T> session = target.open()) {
            Ops<T> ops = session.ops();
            List<T> xs = CaseRunner.upload(session, x, Layout.CONTIGUOUS);
            T out = ops.apply(p, attrs, xs);
            // JVP with the tangent on input i only.
            List<T> tangents = new ArrayList<>();
            for (int j = 0; j < xs.size(); j++) tangents.add(j == i ? session.upload(u) : ops.zerosLike(xs.get(j)));
            RefArray jvp = session.download(p.jvp(ops, xs, out, tangents, attrs));
            double scale = maxAbs(fd);
            log.compared("jvp, " + caseName, x, Comparison.of(jvp, fd, new Tolerance(tol.atol() * (1 + scale), tol.rtol())));
            // VJP: <J^T v, u> against <v, J u>.
            List<T> cts = p.vjp(ops, xs, out, session.upload(v), attrs);
            if (cts.size() != xs.size()) {
                log.failed("vjp, " + caseName, x, "returned " + cts.size() + " cotangents for " + xs.size() + " inputs");
                return;
            }
            for (int j = 0; j < xs.size(); j++) {
                if (!p.isDifferentiableInput(j) && cts.get(j) != null) {
                    log.failed("vjp, " + caseName, x, "input " + j + " is declared non-differentiable but got a cotangent (expected null)");
                }
            }
            if (cts.get(i) == null) {
                log.failed("vjp, " + caseName, x, "cotangent of a differentiable input is null");
                return;
            }
            RefArray ct = session.download(cts.get(i));
            if (!ct.type().equals(x.get(i).type())) {
                log.failed("vjp, " + caseName, x, "cotangent has type " + ct.type() + ", expected the input's " + x.get(i).type());
                return;
            }
            double lhs = CaseRunner.dot(ct, u), rhs = CaseRunner.dot(v, fd);
            double allowed = tol.atol() * (1 + CaseRunner.absDot(v, fd) + CaseRunner.absDot(ct, u)) + tol.rtol() * Math.abs(rhs);
            log.compared("vjp, " + caseName, x, Comparison.scalars(lhs, rhs, allowed, "<vjp(v), u> vs <v, finite difference>"));
            // The masked rule every reverse pass calls: only input i asked for, the others must come back null.
            boolean[] only = new boolean[xs.size()];
            only[i] = true;
            List<T> masked = p.vjp(ops, xs, out, session.upload(v), attrs, only);
            for (int j = 0; j < xs.size(); j++) {
                if (j != i && masked.get(j) != null) log.failed("vjp masked, " + caseName, x, "input " + j + " was not asked for but got a cotangent (expected null)");
            }
            if (masked.get(i) == null) {
                log.failed("vjp masked, " + caseName, x, "the cotangent asked for (input " + i + ") is null");
                return;
            }
            log.compared("vjp masked, " + caseName, x, Comparison.of(session.download(masked.get(i)), ct, new Tolerance(tol.atol() * (1 + maxAbs(ct)), tol.rtol())));
        }
    }

    /** {@code (f(x + eps u e_i) - f(x - eps u e_i)) / 2 eps}, evaluated on the target. */
    static <T> RefArray finiteDifference(Target<T> target, Primitive p, Attrs attrs, List<RefArray> x, int i, RefArray u, double eps) {
        RefArray plus, minus;
        try (Session<T> session = target.open()) {
            List<RefArray> xp = new ArrayList<>(x), xm = new ArrayList<>(x);
            xp.set(i, CaseRunner.axpy(x.get(i), eps, u));
            xm.set(i, CaseRunner.axpy(x.get(i), -eps, u));
            plus = CaseRunner.run(session, p, attrs, xp, Layout.CONTIGUOUS);
            minus = CaseRunner.run(session, p, attrs, xm, Layout.CONTIGUOUS);
        }
        double[] d = new double[plus.size()];
        for (int k = 0; k < d.length; k++) d[k] = (plus.get(k) - minus.get(k)) / (2 * eps);
        return RefArray.of(plus.dtype(), plus.shape(), d);
    }

    static double maxAbs(RefArray a) {
        double m = 0;
        for (int k = 0; k < a.size(); k++) m = Math.max(m, Math.abs(a.get(k)));
        return m;
    }

    /** For ops declared NONE: their rules must refuse with {@link NotDifferentiableException} naming the op. */
    private static <T> CheckResult declaredNone(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(target.name(), p.name(), DECLARED_NONE);
        Sample s = spec.samples().get(0);
        DType t = spec.dtypes().get(0);
        List<RefArray> x = s.make(t, s.seed(p.name(), 0));
        Attrs attrs = s.attrsFor(t);
        try (Session<T> session = target.open()) {
            Ops<T> ops = session.ops();
            List<T> xs = CaseRunner.upload(session, x, Layout.CONTIGUOUS);
            T out = ops.apply(p, attrs, xs);
            expectRefusal(log, p, "vjp", () -> p.vjp(ops, xs, out, out, attrs));
            expectRefusal(log, p, "jvp", () -> p.jvp(ops, xs, out, xs, attrs));
        } catch (Throwable e) {
            log.threw(s.name(), e);
        }
        CheckResult r = log.result();
        if (r.status() != Status.PASS) return r;
        return new CheckResult(r.target(), r.op(), r.check(), Status.NOT_APPLICABLE, r.cases(), 0, 0,
                List.of("declared non-differentiable (Derivative.NONE); its rules refuse with NotDifferentiableException as they must"));
    }

    private static void expectRefusal(CaseLog log, Primitive p, String rule, Runnable call) {
        try {
            call.run();
            log.failed(rule, "returned a result although " + p.name() + " is declared non-differentiable");
        } catch (NotDifferentiableException e) {
            if (e.getMessage() != null && e.getMessage().contains(p.name())) log.passed(rule);
            else log.failed(rule, "NotDifferentiableException does not name the op: " + e.getMessage());
        } catch (Throwable e) {
            log.failed(rule, "expected NotDifferentiableException, got " + CaseLog.describe(e));
        }
    }
}
