package dev.triad.conformance.frontends.graph;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic gradients of the graph front-end against central finite differences of the
 * reference, in F64: for each gradient sample and differentiable floating input i, with a
 * random direction u and cotangent v, the session computes {@code g = gradients(sum(v * op(x)),
 * x_i)} and {@code <g, u>} must match {@code <v, (op(x + eps u) - op(x - eps u)) / 2 eps>}.
 * The backward graph is built from the same VJP rules as eager autograd, through the graph
 * builder, and compiled like any other graph.
 */
public final class GraphGradientCheck {
    private GraphGradientCheck() {}

    /** The check's name. */
    public static final String NAME = "graph gradients";

    /** Runs the check on {@code backend}. */
    public static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        if (p.derivative() == Primitive.Derivative.NONE) {
            return CheckResult.notApplicable(backend.name(), p.name(), NAME, "declared non-differentiable");
        }
        List<Sample> samples = spec.samplesFor(DType.F64).stream().filter(Sample::forGradient).toList();
        if (samples.isEmpty()) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "no F64 gradient samples");
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        for (Sample s : samples) {
            List<RefArray> x = s.make(DType.F64, s.seed(p.name(), 0));
            Attrs attrs = s.attrsFor(DType.F64);
            TensorType type;
            try {
                List<TensorType> types = new ArrayList<>();
                for (RefArray a : x) types.add(a.type());
                type = p.inferType(types, attrs);
            } catch (Throwable e) {
                continue;
            }
            if (!type.dtype().isFloating()) continue;
            for (int i = 0; i < x.size(); i++) {
                if (!p.isDifferentiableInput(i) || !x.get(i).dtype().isFloating()) continue;
                String caseName = s.name() + ", input " + i;
                try {
                    checkInput(backend, spec, s, x, attrs, i, caseName, log);
                } catch (UnsupportedOpException e) {
                    log.unsupported(caseName, e.getMessage());
                } catch (Throwable e) {
                    log.threw(caseName, e);
                }
            }
        }
        return log.result();
    }

    private static void checkInput(Backend backend, OpSpec spec, Sample s, List<RefArray> x, Attrs attrs, int i, String caseName, CaseLog log) {
        Primitive p = spec.primitive();
        double eps = spec.gradientEps();
        Tolerance tol = spec.gradientTolerance();
        RefArray u = Arrays.direction(x.get(i), s.seed(p.name(), 300 + i));
        RefArray fd = finiteDifference(p, attrs, x, i, u, eps);
        RefArray v = Arrays.direction(fd, s.seed(p.name(), 400 + i));

        GraphBuilder g = new GraphBuilder();
        List<Output> ins = new ArrayList<>();
        Map<Output, HostArray> feeds = new LinkedHashMap<>();
        for (int k = 0; k < x.size(); k++) {
            Output ph = g.placeholder("x" + k, x.get(k).dtype(), x.get(k).shape().toArray());
            feeds.put(ph, Arrays.toHost(x.get(k)));
            ins.add(ph);
        }
        Output y = g.apply(p, attrs, ins);
        Output loss = g.sum(g.mul(y, g.constant("v", Arrays.toHost(v))));
        Output grad = g.gradients(loss, List.of(ins.get(i))).get(0);
        RefArray ct;
        try (Session session = new Session(g, backend)) {
            ct = Arrays.fromHost(session.run(grad, feeds));
        }
        if (!ct.type().equals(x.get(i).type())) {
            log.failed(caseName, "gradient has type " + ct.type() + ", expected the input's " + x.get(i).type());
            return;
        }
        double lhs = Arrays.dot(ct, u), rhs = Arrays.dot(v, fd);
        double allowed = tol.atol() * (1 + Arrays.absDot(v, fd) + Arrays.absDot(ct, u)) + tol.rtol() * Math.abs(rhs);
        log.compared(caseName, Comparison.scalars(lhs, rhs, allowed, "<gradient, u> vs <v, finite difference>"));
    }

    /** Central differences of the reference along {@code u} on input {@code i}. */
    private static RefArray finiteDifference(Primitive p, Attrs attrs, List<RefArray> x, int i, RefArray u, double eps) {
        List<RefArray> xp = new ArrayList<>(x), xm = new ArrayList<>(x);
        xp.set(i, axpy(x.get(i), eps, u));
        xm.set(i, axpy(x.get(i), -eps, u));
        RefArray plus = ReferenceOps.INSTANCE.apply(p, attrs, xp), minus = ReferenceOps.INSTANCE.apply(p, attrs, xm);
        double[] d = new double[plus.size()];
        for (int k = 0; k < d.length; k++) d[k] = (plus.get(k) - minus.get(k)) / (2 * eps);
        return RefArray.of(plus.dtype(), plus.shape(), d);
    }

    private static RefArray axpy(RefArray x, double c, RefArray u) {
        double[] v = x.toDoubles();
        for (int k = 0; k < v.length; k++) v[k] += c * u.get(k);
        return RefArray.of(x.dtype(), x.shape(), v);
    }
}
