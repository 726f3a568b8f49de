package dev.triad.bench.report;

import java.util.Arrays;

/** Order statistics of raw samples. */
final class Stats {
    private Stats() {}

    /** The median (mean of the middle two for an even count); NaN for none. */
    static double median(double[] xs) {
        if (xs.length == 0) return Double.NaN;
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** The smallest sample; NaN for none. */
    static double min(double[] xs) { return Arrays.stream(xs).min().orElse(Double.NaN); }

    /** The largest sample; NaN for none. */
    static double max(double[] xs) { return Arrays.stream(xs).max().orElse(Double.NaN); }

    /**
     * Half the distance between the smallest and largest sample: with the handful of
     * iterations a quick run has, this says honestly how far apart the runs were, where a
     * Student-t interval from three samples would mostly reflect the t quantile.
     */
    static double halfRange(double[] xs) { return xs.length < 2 ? Double.NaN : (max(xs) - min(xs)) / 2; }
}
