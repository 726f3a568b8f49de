package dev.triad.cli.train;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart as SVG: axes with round-numbered ticks, one polyline per series and
 * optional markers. Enough for a loss or accuracy curve, with no plotting library.
 */
public final class SvgChart {
    /**
     * One line.
     *
     * @param name    legend text
     * @param color   CSS colour
     * @param xs      x values
     * @param ys      y values (same length)
     * @param markers draw a dot at each point (for sparse series such as per-epoch results)
     */
    public record Series(String name, String color, double[] xs, double[] ys, boolean markers) {}

    private SvgChart() {}

    /**
     * The chart as an SVG {@code <g>} group placed at {@code (x, y)} with the given size.
     *
     * @param yMin lower y bound, or NaN to fit the data
     * @param yMax upper y bound, or NaN to fit the data
     */
    public static String panel(double x, double y, double w, double h, String title, String xLabel, String yLabel,
                               List<Series> series, double yMin, double yMax) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                if (!Double.isFinite(s.xs()[i]) || !Double.isFinite(s.ys()[i])) continue;
                x0 = Math.min(x0, s.xs()[i]);
                x1 = Math.max(x1, s.xs()[i]);
                y0 = Math.min(y0, s.ys()[i]);
                y1 = Math.max(y1, s.ys()[i]);
            }
        }
        if (x0 > x1) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
        if (!Double.isNaN(yMin)) y0 = yMin;
        if (!Double.isNaN(yMax)) y1 = yMax;
        if (x1 - x0 < 1e-12) { x0 -= 0.5; x1 += 0.5; }
        if (y1 - y0 < 1e-12) { y0 -= 0.5; y1 += 0.5; }
        double[] xt = ticks(x0, x1), yt = ticks(y0, y1);
        x0 = Math.min(x0, xt[0]);
        x1 = Math.max(x1, xt[xt.length - 1]);
        if (Double.isNaN(yMin)) y0 = Math.min(y0, yt[0]);
        if (Double.isNaN(yMax)) y1 = Math.max(y1, yt[yt.length - 1]);
        double left = x + 60, right = x + w - 15, top = y + 48, bottom = y + h - 45;
        Scale sx = new Scale(x0, x1, left, right), sy = new Scale(y0, y1, bottom, top);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<g font-family=\"sans-serif\" font-size=\"12\">%n"));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", left, y + 18, esc(title)));
        for (double t : yt) {
            if (t < y0 - 1e-12 || t > y1 + 1e-12) continue;
            double py = sy.map(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>%n", left, py, right, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6, py + 4, label(t)));
        }
        for (double t : xt) {
            if (t < x0 - 1e-12 || t > x1 + 1e-12) continue;
            double px = sx.map(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>%n", px, bottom, px, bottom + 4));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", px, bottom + 17, label(t)));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>%n", left, top, right - left, bottom - top));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", (left + right) / 2, y + h - 8, esc(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n", x + 14, (top + bottom) / 2, esc(yLabel)));
        double legendX = left; // legend entries in a row between the title and the plot, never over a curve
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                if (!Double.isFinite(s.xs()[i]) || !Double.isFinite(s.ys()[i])) continue;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.map(s.xs()[i]), sy.map(clamp(s.ys()[i], y0, y1))));
            }
            if (s.xs().length > 1) {
                b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n", s.color(), pts.toString().trim()));
            }
            if (s.markers() || s.xs().length == 1) {
                for (int i = 0; i < s.xs().length; i++) {
                    if (!Double.isFinite(s.xs()[i]) || !Double.isFinite(s.ys()[i])) continue;
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>%n",
                            sx.map(s.xs()[i]), sy.map(clamp(s.ys()[i], y0, y1)), s.color(), esc(s.name() + ": " + label(s.ys()[i]))));
                }
            }
            double ly = y + 38;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n", legendX, ly - 4, legendX + 20, ly - 4, s.color()));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", legendX + 25, ly, esc(s.name())));
            legendX += 25 + 7 * s.name().length() + 20;
        }
        b.append("</g>\n");
        return b.toString();
    }

    /** A whole SVG document of the given size around some panels. */
    public static String document(double w, double h, String... panels) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n", w, h, w, h));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (String p : panels) b.append(p);
        return b.append("</svg>\n").toString();
    }

    private record Scale(double d0, double d1, double r0, double r1) {
        double map(double v) { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
    }

    private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    /** About five ticks at 1, 2 or 5 times a power of ten covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = first + i * step;
        return t;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** Escapes text for XML. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
