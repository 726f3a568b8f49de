package dev.triad.conformance.report;

import dev.triad.conformance.check.CaseDetail;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Wording and number formats the three writers share, so that they say the same thing. */
final class Format {
    private Format() {}

    /** The marker the checks put before a declared-unsupported case's reason. */
    private static final String DECLARED = "declared unsupported: ";

    /** Words for a status, e.g. {@code declared unsupported}. */
    static String status(Status s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case UNSUPPORTED -> "declared unsupported";
            case NOT_APPLICABLE -> "n/a";
        };
    }

    /** A CSS-friendly key for a status. */
    static String key(Status s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case UNSUPPORTED -> "unsupported";
            case NOT_APPLICABLE -> "na";
        };
    }

    /** An error or tolerance with three significant digits; {@code -} when nothing numeric was compared. */
    static String error(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** True when the result compared numbers (so its error and tolerance mean something). */
    static boolean numeric(CheckResult r) { return r.maxError() != 0 || r.tolerance() != 0; }

    /** {@code max error 2 vs tolerance 1.2e-06}, or empty. */
    static String errorVsTolerance(CheckResult r) {
        return numeric(r) ? "max error " + error(r.maxError()) + " vs tolerance " + error(r.tolerance()) : "";
    }

    /** {@code 1.2 s}, {@code 3 min 05 s}. */
    static String duration(long millis) {
        if (millis < 60_000) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        long s = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /**
     * The distinct reasons a declared-unsupported result gives (the backend's words without the
     * case names in front), in order.
     */
    static Set<String> reasons(CheckResult r) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : r.problems()) {
            int i = p.indexOf(DECLARED);
            if (i >= 0) out.add(p.substring(i + DECLARED.length()));
        }
        if (out.isEmpty() && r.status() == Status.NOT_APPLICABLE) out.addAll(r.problems());
        return out;
    }

    /**
     * A failed case's message without the full value lists a comparison appends for small
     * arrays, when the case has excerpts that show the values better.
     */
    static String message(CaseDetail d) {
        String m = d.message();
        int full = m.indexOf("; got [");
        return full > 0 && !d.expected().isEmpty() ? m.substring(0, full) : m;
    }

    /** {@code s} cut to {@code max} characters, with an ellipsis when cut. */
    static String clip(String s, int max) { return s.length() <= max ? s : s.substring(0, max - 1) + "…"; }

    /** A one-line description of a result, for tooltips and lists. */
    static String oneLine(CheckResult r) {
        StringBuilder b = new StringBuilder(r.op()).append(" / ").append(r.check()).append(": ").append(status(r.status()));
        b.append(" (").append(r.cases()).append(r.cases() == 1 ? " case" : " cases");
        if (numeric(r)) b.append(", ").append(errorVsTolerance(r));
        b.append(')');
        if (r.status() == Status.UNSUPPORTED || r.status() == Status.NOT_APPLICABLE) {
            Set<String> why = reasons(r);
            if (!why.isEmpty()) b.append(" — ").append(why.iterator().next());
        }
        return b.toString();
    }
}
