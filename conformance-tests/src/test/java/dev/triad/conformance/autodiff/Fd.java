package dev.triad.conformance.autodiff;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.spi.autodiff.OpsFunction;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite differences in F64 over the reference interpreter, and the comparisons the
 * derivative tests share. Step {@code h = 1e-6} leaves an error near {@code 1e-9} for smooth
 * functions of values of order one, so a tolerance of {@code 1e-6} separates a correct rule
 * from a wrong one by orders of magnitude.
 */
final class Fd {
    private Fd() {}

    static final ReferenceOps R = ReferenceOps.INSTANCE;
    static final double H = 1e-6;
    static final double TOL = 1e-6;

    /** F64 values uniform in [lo, hi). */
    static RefArray uniform(long seed, double lo, double hi, long... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape s = Shape.of(dims);
        double[] v = new double[Math.toIntExact(s.numel())];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return RefArray.of(DType.F64, s, v);
    }

    /** F64 values uniform in [-1, 1). */
    static RefArray rand(long seed, long... dims) { return uniform(seed, -1, 1, dims); }

    /** F64 values given explicitly. */
    static RefArray f64(Shape s, double... v) { return RefArray.of(DType.F64, s, v); }

    static double dot(RefArray a, RefArray b) {
        assertEquals(a.type(), b.type());
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }

    /** {@code x + eps * d} (same type). */
    static RefArray axpy(RefArray x, double eps, RefArray d) {
        double[] v = x.toDoubles();
        for (int i = 0; i < v.length; i++) v[i] += eps * d.get(i);
        return RefArray.of(x.dtype(), x.shape(), v);
    }

    /** {@code x} with element {@code i} moved by {@code eps}. */
    static RefArray nudge(RefArray x, int i, double eps) {
        double[] v = x.toDoubles();
        v[i] += eps;
        return RefArray.of(x.dtype(), x.shape(), v);
    }

    /** {@code f} evaluated with primal {@code which} replaced. */
    static RefArray eval(OpsFunction<RefArray> f, List<RefArray> xs, int which, RefArray replacement) {
        List<RefArray> in = new ArrayList<>(xs);
        in.set(which, replacement);
        return f.apply(R, in);
    }

    /** Numerical VJP: {@code d <cot, f(x)> / d x_which}, element by element. */
    static RefArray numericVjp(OpsFunction<RefArray> f, List<RefArray> xs, int which, RefArray cot) {
        RefArray x = xs.get(which);
        double[] g = new double[x.size()];
        for (int i = 0; i < g.length; i++) {
            double plus = dot(cot, eval(f, xs, which, nudge(x, i, H)));
            double minus = dot(cot, eval(f, xs, which, nudge(x, i, -H)));
            g[i] = (plus - minus) / (2 * H);
        }
        return f64(x.shape(), g);
    }

    /** Numerical JVP: {@code (f(x + h t) - f(x - h t)) / 2h}, null tangents meaning "fixed". */
    static RefArray numericJvp(OpsFunction<RefArray> f, List<RefArray> xs, List<RefArray> ts) {
        List<RefArray> plus = new ArrayList<>(xs), minus = new ArrayList<>(xs);
        for (int i = 0; i < xs.size(); i++) {
            if (ts.get(i) == null) continue;
            plus.set(i, axpy(xs.get(i), H, ts.get(i)));
            minus.set(i, axpy(xs.get(i), -H, ts.get(i)));
        }
        RefArray p = f.apply(R, plus), m = f.apply(R, minus);
        double[] d = new double[p.size()];
        for (int i = 0; i < d.length; i++) d[i] = (p.get(i) - m.get(i)) / (2 * H);
        return f64(p.shape(), d);
    }

    /** Asserts equal types and values within {@code tol} (absolute, scaled by the larger magnitude above 1). */
    static void assertClose(RefArray expected, RefArray actual, double tol, String what) {
        assertNotNull(actual, what + ": no value");
        assertEquals(expected.type(), actual.type(), what + ": type");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i), a = actual.get(i);
            double scale = Math.max(1, Math.max(Math.abs(e), Math.abs(a)));
            if (!(Math.abs(e - a) <= tol * scale)) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + "\n expected " + Arrays.toString(expected.toDoubles())
                        + "\n actual   " + Arrays.toString(actual.toDoubles()));
            }
        }
    }

    /**
     * Checks {@code analytic} (one cotangent per primal, given the output cotangent {@code cot})
     * against finite differences for every floating primal; non-floating primals must get null.
     */
    static void assertVjp(OpsFunction<RefArray> f, List<RefArray> xs, RefArray cot, List<RefArray> analytic, String what) {
        assertEquals(xs.size(), analytic.size(), what + ": one cotangent per input");
        for (int i = 0; i < xs.size(); i++) {
            if (!xs.get(i).dtype().isFloating()) {
                assertEquals(null, analytic.get(i), what + ": input " + i + " is not floating");
                continue;
            }
            assertClose(numericVjp(f, xs, i, cot), analytic.get(i), TOL, what + ", cotangent of input " + i);
        }
    }
}
