package dev.triad.conformance.reference;

/** Functions the JDK lacks, written for accuracy rather than speed. */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    /**
     * The error function, to about 1e-15 relative. For |x| &lt; 6 it sums the series
     * {@code erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))}, whose terms
     * are all positive, so there is no cancellation; beyond 6, erf is 1 to double precision
     * (erfc(6) is about 2e-17).
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        double ax = Math.abs(x);
        if (ax >= 6) return Math.copySign(1.0, x);
        double term = ax;
        double sum = ax;
        double x2 = ax * ax;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
        return Math.copySign(Math.min(r, 1.0), x);
    }
}
