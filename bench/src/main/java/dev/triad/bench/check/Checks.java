package dev.triad.bench.check;

import java.util.Locale;

/**
 * Comparisons of a backend's output with a float64 reference. A value passes when
 * {@code |actual - expected| <= atol + rtol * scale}, where scale is {@code |expected|} or, for
 * sums of many terms, the sum of the terms' magnitudes (what float32 rounding actually grows
 * with). NaN or infinity where the reference is finite always fails.
 */
public final class Checks {
    private Checks() {}

    /** Compares every element, scale {@code |expected|}. */
    public static CheckOutcome allClose(String what, float[] actual, double[] expected, double rtol, double atol) {
        if (actual.length != expected.length) {
            throw new CheckFailedException(what + ": " + actual.length + " values but the reference has " + expected.length);
        }
        Accumulator acc = new Accumulator(what, rtol, atol);
        for (int i = 0; i < actual.length; i++) acc.add(i, actual[i], expected[i], Math.abs(expected[i]));
        return acc.outcome();
    }

    /** Compares element by element with an explicit scale per element (e.g. the sum of |terms| of a dot product). */
    public static CheckOutcome closeScaled(String what, int[] indices, float[] actual, double[] expected, double[] scale, double rtol, double atol) {
        Accumulator acc = new Accumulator(what, rtol, atol);
        for (int k = 0; k < indices.length; k++) acc.add(indices[k], actual[indices[k]], expected[k], scale[k]);
        return acc.outcome();
    }

    /** Compares one scalar, scale {@code |expected|}. */
    public static CheckOutcome scalar(String what, double actual, double expected, double rtol, double atol) {
        Accumulator acc = new Accumulator(what, rtol, atol);
        acc.add(0, actual, expected, Math.abs(expected));
        return acc.outcome();
    }

    /** Requires bit-for-bit equal floats (copies and transposes move values, they never round). */
    public static CheckOutcome exact(String what, float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new CheckFailedException(what + ": " + actual.length + " values but the reference has " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new CheckFailedException(String.format(Locale.ROOT, "%s: element %d is %s, expected exactly %s", what, i, actual[i], expected[i]));
            }
        }
        return new CheckOutcome(actual.length, 0, 0, "exact");
    }

    /** Running maximum of errors; throws on the first value out of tolerance. */
    private static final class Accumulator {
        private final String what;
        private final double rtol, atol;
        private long n;
        private double maxAbs, worst;

        Accumulator(String what, double rtol, double atol) {
            this.what = what;
            this.rtol = rtol;
            this.atol = atol;
        }

        void add(int index, double actual, double expected, double scale) {
            double err = Math.abs(actual - expected);
            double allowed = atol + rtol * scale;
            if (!(err <= allowed)) { // also catches NaN
                throw new CheckFailedException(String.format(Locale.ROOT,
                        "%s: element %d is %.7g but the float64 reference is %.7g (|diff| %.3g > allowed %.3g = %.1g + %.1g x %.3g)",
                        what, index, actual, expected, err, allowed, atol, rtol, scale));
            }
            n++;
            maxAbs = Math.max(maxAbs, err);
            worst = Math.max(worst, allowed > 0 ? err / allowed : 0);
        }

        CheckOutcome outcome() {
            return new CheckOutcome(n, maxAbs, worst, String.format(Locale.ROOT, "atol %.1g + rtol %.1g", atol, rtol));
        }
    }
}
