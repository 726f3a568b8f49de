package dev.triad.backend.cpu.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * The error function (Java has none).
 *
 * <p>F32 is vectorized: {@code x * P(x^2)} below 1, and {@code 1 - e^(-x^2) Q(1 / (1 + x/2))}
 * from 1 on, with polynomials fitted for this class (least squares at Chebyshev nodes against
 * a 30-digit reference) to about 1.5 float ulp; both halves are evaluated for every lane
 * and blended, which costs less than branching per lane.
 *
 * <p>F64 (and the reference for F32) is exact to a few double ulp: below {@link #SPLIT} it sums the
 * series {@code erf(x) = 2/sqrt(pi) e^(-x^2) sum_n (2x^2)^n x / (2n+1)!!}, whose terms are all
 * positive, so nothing cancels; above, it evaluates the continued fraction of
 * {@code erfc(x)}, which converges quickly there, and returns {@code 1 - erfc(x)}.
 * Accuracy is a few ulp across the range.
 */
final class Erf {
    private Erf() {}

    /** erf(x)/x as a polynomial in x^2 on [0, 1], lowest degree first. */
    private static final float[] SMALL = {1.1283791665100529f, -0.3761262884332518f, 0.11283612428245453f, -0.02685480853724401f,
        0.005190053577876451f, -0.0008024354129064653f, 7.898210208440366e-05f};
    /** erfc(x) e^(x^2) as a polynomial in u = 1 / (1 + x/2) on [1, 4], lowest degree first. */
    private static final float[] LARGE = {2.2347775613307197e-05f, 0.2815691290885437f, 0.2876530270508183f, 0.21206729018343493f,
        0.31848483812590034f, -0.31169457279255114f, 0.7453006248942569f, -0.9890671744784395f, 0.6214523882253583f,
        -0.18597745348862194f, 0.020175698927161954f};

    /** erf of {@code n} floats at byte offset {@code xo} of {@code in} into {@code out} at {@code yo}; the vector math sits in the loop body. */
    static void f32(MemorySegment in, long xo, MemorySegment out, long yo, int n) {
        for (int i = 0; i < n; i += VecLoops.FL) {
            VectorMask<Float> m = VecLoops.FS.indexInRange(i, n);
            FloatVector x = VecLoops.lf(in, xo, i, m);
            VectorSpecies<Float> s = VecLoops.FS;
            FloatVector a = x.abs();
            FloatVector z = x.mul(x);
            FloatVector p = FloatVector.broadcast(s, SMALL[SMALL.length - 1]);
            for (int k = SMALL.length - 2; k >= 0; k--) p = p.fma(z, FloatVector.broadcast(s, SMALL[k]));
            FloatVector small = p.mul(x);
            FloatVector one = FloatVector.broadcast(s, 1f);
            FloatVector u = one.div(a.fma(FloatVector.broadcast(s, 0.5f), one));
            FloatVector q = FloatVector.broadcast(s, LARGE[LARGE.length - 1]);
            for (int k = LARGE.length - 2; k >= 0; k--) q = q.fma(u, FloatVector.broadcast(s, LARGE[k]));
            FloatVector large = one.sub(z.neg().lanewise(VectorOperators.EXP).mul(q));
            large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
            VecLoops.sf(small.blend(large, a.compare(VectorOperators.GE, 1f)), out, yo, i, m);
        }
    }

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    /** Where the series hands over to the continued fraction. */
    private static final double SPLIT = 2.5;
    /** Beyond this, erf(x) rounds to 1 in double precision. */
    private static final double SATURATE = 6.0;
    /** Terms of the continued fraction; enough for 1e-17 relative at x = 2.5, evaluated backward. */
    private static final int CF_TERMS = 90;
    /** 1 / (2n + 1): the series multiplies instead of dividing. */
    private static final double[] ODD_RECIPROCALS = new double[200];

    static {
        for (int n = 0; n < ODD_RECIPROCALS.length; n++) ODD_RECIPROCALS[n] = 1.0 / (2 * n + 1);
    }

    /** erf(x). */
    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a >= SATURATE) return Math.copySign(1.0, x);
        if (a < SPLIT) return x == 0 ? x : series(x);
        return Math.copySign(1.0 - erfcLarge(a), x);
    }

    private static double series(double x) {
        double x2 = x * x;
        double twoX2 = 2 * x2;
        double term = x, sum = x;
        for (int n = 1; n < ODD_RECIPROCALS.length; n++) {
            term *= twoX2 * ODD_RECIPROCALS[n];
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** erfc(a) for a >= SPLIT: e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))). */
    private static double erfcLarge(double a) {
        double k = a;
        for (int n = CF_TERMS; n >= 1; n--) k = a + (n * 0.5) / k;
        return ONE_OVER_SQRT_PI * Math.exp(-a * a) / k;
    }
}
