package dev.triad.bench.report;

import java.util.Locale;

/** Number formatting for people: times, rates, bytes, ratios, always with {@link Locale#ROOT}. */
final class Fmt {
    private Fmt() {}

    /** A duration in seconds with a unit that keeps three significant digits ({@code 412 µs}, {@code 3.07 ms}). */
    static String time(double seconds) {
        if (!Double.isFinite(seconds)) return "—";
        double a = Math.abs(seconds);
        if (a >= 1) return sig(seconds) + " s";
        if (a >= 1e-3) return sig(seconds * 1e3) + " ms";
        if (a >= 1e-6) return sig(seconds * 1e6) + " µs";
        return sig(seconds * 1e9) + " ns";
    }

    /** Three significant digits, no exponent for everyday magnitudes. */
    static String sig(double v) {
        if (!Double.isFinite(v)) return "—";
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.3f", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }

    /** A rate per second with an SI prefix ({@code 1.2 k/s}). */
    static String perSecond(double v, String unit) {
        if (!Double.isFinite(v)) return "—";
        if (v >= 1e9) return sig(v / 1e9) + " G" + unit + "/s";
        if (v >= 1e6) return sig(v / 1e6) + " M" + unit + "/s";
        if (v >= 1e3) return sig(v / 1e3) + " k" + unit + "/s";
        return sig(v) + " " + unit + "/s";
    }

    /** Bytes with a binary prefix. */
    static String bytes(double b) {
        if (!Double.isFinite(b) || b < 0) return "—";
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : sig(b) + " " + units[u];
    }

    /** A ratio such as {@code 1.35x}. */
    static String ratio(double r) { return Double.isFinite(r) ? sig(r) + "x" : "—"; }

    /** A fraction as a percentage. */
    static String percent(double f) {
        if (!Double.isFinite(f)) return "—";
        double p = 100 * f;
        return (p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
