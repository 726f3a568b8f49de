package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * Second order: differentiates the VJP rule itself. With fixed random v (cotangent), w_i
 * (weights) and u_i (direction), {@code h(x) = sum_i <vjp_i(x, v), w_i>}; its gradient comes
 * from recording the forward op and the VJP rule's computation on a {@link Tape} and walking
 * back with the VJP rules of every primitive the rule used. {@code <grad h, u>} must match the
 * central difference {@code (h(x + eps u) - h(x - eps u)) / 2 eps}. A wrong rule anywhere in
 * that chain — the op's VJP or the rules of the ops it is written with — shows up here.
 */
public final class SecondOrderCheck {
    private SecondOrderCheck() {}

    /** The check's name. */
    public static final String NAME = "second order (grad of vjp)";

    /** At most this many samples: second order is the slowest check. */
    private static final int MAX_SAMPLES = 2;

    /** Runs the check on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(target.name(), p.name(), NAME);
        List<Sample> samples = GradientCheck.samples(spec);
        int used = 0;
        for (Sample s : samples) {
            if (used == MAX_SAMPLES) break;
            List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
            if (x.stream().anyMatch(a -> a.size() == 0)) continue;
            Attrs attrs = s.attrsFor(DType.F64);
            used++;
            try {
                String why = CaseRunner.unsupported(target, p, x, CaseRunner.resultType(p, attrs, x));
                if (why != null) {
                    log.unsupported(s.name(), why);
                    continue;
                }
                checkSample(target, spec, s, x, attrs, log);
            } catch (Throwable e) {
                log.threw(s.name(), x, e);
            }
        }
        if (used == 0) return CheckResult.notApplicable(target.name(), p.name(), NAME, "no F64 gradient samples");
        return log.result();
    }

    private static List<Integer> differentiable(Primitive p, List<RefArray> x) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) if (p.isDifferentiableInput(i) && x.get(i).dtype().isFloating()) out.add(i);
        return out;
    }

    private static <T> void checkSample(Target<T> target, OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, CaseLog log) {
        Primitive p = spec.primitive();
        List<Integer> diff = differentiable(p, x);
        RefArray out0;
        try (Session<T> session = target.open()) {
            out0 = CaseRunner.run(session, p, attrs, x, Layout.CONTIGUOUS);
        }
        RefArray v = CaseRunner.direction(out0, s.seed(p.name(), 300));
        List<RefArray> w = new ArrayList<>(), u = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            w.add(CaseRunner.direction(x.get(i), s.seed(p.name(), 400 + i)));
            u.add(CaseRunner.direction(x.get(i), s.seed(p.name(), 500 + i)));
        }
        // Analytic: gradient of h through the tape.
        double analytic = 0, scale = 0;
        try (Session<T> session = target.open()) {
            Tape<T> tape = new Tape<>(session.ops());
            List<T> xs = CaseRunner.upload(session, x, Layout.CONTIGUOUS);
            T h = h(tape, p, attrs, xs, session.upload(v), upload(session, w), diff);
            List<T> wrt = new ArrayList<>();
            for (int i : diff) wrt.add(xs.get(i));
            List<T> grads = tape.gradient(h, wrt);
            for (int k = 0; k < diff.size(); k++) {
                RefArray g = session.download(grads.get(k));
                analytic += CaseRunner.dot(g, u.get(diff.get(k)));
                scale += CaseRunner.absDot(g, u.get(diff.get(k)));
            }
        }
        // Finite difference of h along u.
        double eps = spec.gradientEps() * 10;
        double hp = hAt(target, p, attrs, shifted(x, u, diff, eps), v, w, diff);
        double hm = hAt(target, p, attrs, shifted(x, u, diff, -eps), v, w, diff);
        double fd = (hp - hm) / (2 * eps);
        Tolerance tol = spec.gradientTolerance().times(10);
        double allowed = tol.atol() * (1 + scale) + tol.rtol() * Math.abs(fd);
        log.compared(s.name(), x, Comparison.scalars(analytic, fd, allowed, "<grad <vjp(x, v), w>, u> vs finite difference"));
    }

    private static <T> List<T> upload(Session<T> s, List<RefArray> xs) {
        List<T> out = new ArrayList<>();
        for (RefArray x : xs) out.add(s.upload(x));
        return out;
    }

    /** {@code sum_i <vjp_i(x, v), w_i>} computed with {@code ops}. */
    private static <T> T h(Ops<T> ops, Primitive p, Attrs attrs, List<T> xs, T v, List<T> w, List<Integer> diff) {
        T out = ops.apply(p, attrs, xs);
        List<T> cts = p.vjp(ops, xs, out, v, attrs);
        T total = null;
        for (int i : diff) {
            T term = ops.sum(ops.mul(cts.get(i), w.get(i)));
            total = total == null ? term : ops.add(total, term);
        }
        return total;
    }

    private static <T> double hAt(Target<T> target, Primitive p, Attrs attrs, List<RefArray> x, RefArray v, List<RefArray> w, List<Integer> diff) {
        try (Session<T> session = target.open()) {
            T h = h(session.ops(), p, attrs, CaseRunner.upload(session, x, Layout.CONTIGUOUS), session.upload(v), upload(session, w), diff);
            return session.download(h).get(0);
        }
    }

    private static List<RefArray> shifted(List<RefArray> x, List<RefArray> u, List<Integer> diff, double c) {
        List<RefArray> out = new ArrayList<>(x);
        for (int i : diff) out.set(i, CaseRunner.axpy(x.get(i), c, u.get(i)));
        return out;
    }
}
