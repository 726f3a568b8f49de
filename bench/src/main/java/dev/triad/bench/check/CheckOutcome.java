package dev.triad.bench.check;

import java.util.Locale;

/**
 * What a passed check compared.
 *
 * @param compared how many values were compared with the reference
 * @param maxAbsError the largest absolute difference seen
 * @param worstFraction the largest difference as a fraction of what the tolerance allowed for
 *     that value (at most 1 for a pass; how close the closest call came)
 * @param tolerance the rule that was applied, in words
 */
public record CheckOutcome(long compared, double maxAbsError, double worstFraction, String tolerance) {
    /** One line for logs and reports. */
    public String summary() {
        return String.format(Locale.ROOT, "%d values, max abs err %.2g, worst at %s of tolerance (%s)", compared, maxAbsError, percent(worstFraction), tolerance);
    }

    private static String percent(double f) {
        double p = 100 * f;
        return p == 0 ? "0%" : p < 0.1 ? "<0.1%" : p < 10 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.0f%%", p);
    }
}
