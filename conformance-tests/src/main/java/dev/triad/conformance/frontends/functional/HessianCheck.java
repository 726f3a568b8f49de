package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.functional.Array;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.nn;
import dev.triad.functional.np;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.function.Function;

/**
 * {@code hessian} (forward over reverse) of small functions against analytic Hessians, in F64,
 * and the other compositions ({@code jacrev(jacrev)}, {@code jacfwd(jacfwd)}) against it.
 */
final class HessianCheck {
    private HessianCheck() {}

    static final String NAME = "functional hessian vs analytic";

    private static final Tolerance TOL = new Tolerance(1e-9, 1e-9);

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    static CheckResult run(Backend backend) {
        CaseLog log = new CaseLog(backend.name(), "hessian", NAME);
        double[] x = {0.3, -0.7, 1.1};
        try (Platform.Restore r = Platform.use(backend)) {
            // sum(x^3): diag(6 x)
            double[] cubic = new double[9];
            for (int i = 0; i < 3; i++) cubic[4 * i] = 6 * x[i];
            check(log, "sum(x^3)", v -> np.sum(np.power(v, 3.0)), x, cubic);
            // x0 x1 + x0 sin(x2)
            double[] mixed = {0, 1, Math.cos(x[2]), 1, 0, 0, Math.cos(x[2]), 0, -x[0] * Math.sin(x[2])};
            check(log, "x0 x1 + x0 sin(x2)", v -> np.add(np.multiply(np.index(v, 0), np.index(v, 1)),
                    np.multiply(np.index(v, 0), np.sin(np.index(v, 2)))), x, mixed);
            // logsumexp(x): diag(p) - p p^T with p = softmax(x)
            double z = 0;
            for (double v : x) z += Math.exp(v);
            double[] lse = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double pi = Math.exp(x[i]) / z, pj = Math.exp(x[j]) / z;
                    lse[3 * i + j] = (i == j ? pi : 0) - pi * pj;
                }
            }
            check(log, "logsumexp(x)", nn::logsumexp, x, lse);
        }
        return log.result();
    }

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    private static void check(CaseLog log, String name, Function<Array, Array> f, double[] x, double[] expected) {
        RefArray want = RefArray.of(DType.F64, Shape.of(3, 3), expected);
        try (Scope scope = Scope.open()) {
            Array xs = np.array(x);
            log.compared(name + ": hessian", Comparison.of(Values.ref(Transforms.hessian(f).apply(xs)), want, TOL));
            log.compared(name + ": jacrev(jacrev)", Comparison.of(Values.ref(Transforms.jacrev(Transforms.jacrev(f)).apply(xs)), want, TOL));
            log.compared(name + ": jacfwd(jacfwd)", Comparison.of(Values.ref(Transforms.jacfwd(Transforms.jacfwd(f)).apply(xs)), want, TOL));
        } catch (Throwable e) {
            log.threw(name, e);
        }
    }
}
