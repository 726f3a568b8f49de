package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.Tolerance;

import java.util.Arrays;

/**
 * The outcome of comparing an array with its expected value.
 *
 * @param ok whether every element matched
 * @param maxError the largest difference, at the element that was worst relative to its tolerance
 * @param tolerance the tolerance at that element
 * @param detail what differed (empty when ok)
 * @param expected a short excerpt of the expected value around the element that differed most (empty when ok)
 * @param actual the same excerpt of the actual value
 */
public record Comparison(boolean ok, double maxError, double tolerance, String detail, String expected, String actual) {
    /** An outcome without excerpts. */
    public Comparison(boolean ok, double maxError, double tolerance, String detail) { this(ok, maxError, tolerance, detail, "", ""); }

    /**
     * Compares {@code actual} with {@code expected}: dtypes and shapes must be equal; integer
     * and BOOL values exactly, floating values within {@code tol}, NaN only with NaN and an
     * infinity only with the same infinity.
     */
    public static Comparison of(RefArray actual, RefArray expected, Tolerance tol) {
        if (!actual.type().equals(expected.type())) {
            return new Comparison(false, Double.POSITIVE_INFINITY, 0, "result type " + actual.type() + ", expected " + expected.type(),
                    expected.type().toString(), actual.type().toString());
        }
        int n = expected.size();
        double worstRatio = -1, worstErr = 0, worstTol = 0;
        int worst = -1, bad = 0, firstBad = -1;
        for (int i = 0; i < n; i++) {
            double err, allowed;
            if (expected.isIntegral()) {
                long a = actual.getLong(i), e = expected.getLong(i);
                err = a == e ? 0 : Math.max(1, Math.abs((double) a - e));
                allowed = 0;
            } else {
                double a = actual.get(i), e = expected.get(i);
                if (!Double.isFinite(e) || !Double.isFinite(a)) {
                    // NaN matches only NaN, an infinity only the same infinity; no tolerance applies.
                    boolean same = Double.isNaN(e) ? Double.isNaN(a) : a == e;
                    err = same ? 0 : Double.POSITIVE_INFINITY;
                    allowed = 0;
                } else {
                    err = Math.abs(a - e);
                    allowed = tol.allowed(e);
                }
            }
            boolean good = err <= allowed;
            if (!good) {
                bad++;
                if (firstBad < 0) firstBad = i;
            }
            double ratio = allowed > 0 ? err / allowed : (err > 0 ? Double.POSITIVE_INFINITY : 0);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worstErr = err;
                worstTol = allowed;
                worst = i;
            }
        }
        if (bad == 0) return new Comparison(true, worstErr, worstTol, "");
        int show = worstRatio == Double.POSITIVE_INFINITY ? firstBad : worst;
        String detail = bad + " of " + n + " element(s) differ; worst at flat index " + show + ": got " + value(actual, show)
                + ", expected " + value(expected, show) + " (" + tol + ")"
                + (n <= 16 ? "; got " + values(actual) + ", expected " + values(expected) : "");
        return new Comparison(false, worstErr, worstTol, detail, Excerpt.around(expected, show), Excerpt.around(actual, show));
    }

    /** Compares two scalars computed in double (inner products of derivative checks). */
    public static Comparison scalars(double actual, double expected, double allowed, String what) {
        double err = Math.abs(actual - expected);
        boolean ok = err <= allowed && !Double.isNaN(actual) && !Double.isNaN(expected);
        return new Comparison(ok, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err, allowed,
                ok ? "" : what + ": got " + actual + ", expected " + expected + " (allowed difference " + allowed + ")",
                ok ? "" : Double.toString(expected), ok ? "" : Double.toString(actual));
    }

    private static String value(RefArray x, int i) { return x.isIntegral() ? Long.toString(x.getLong(i)) : Double.toString(x.get(i)); }

    private static String values(RefArray x) { return x.isIntegral() ? Arrays.toString(x.toLongs()) : Arrays.toString(x.toDoubles()); }
}
