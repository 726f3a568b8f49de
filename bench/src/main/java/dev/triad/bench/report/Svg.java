package dev.triad.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts with no script and no external asset: grouped horizontal bars (one
 * configuration per group, one bar per series) and lines over a log2 x axis for size sweeps.
 * Colours come from a colour-blind-safe palette, one per series, fixed across charts.
 */
final class Svg {
    private Svg() {}

    /** Paul Tol's "bright" scheme. */
    private static final String[] PALETTE = {"#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"};

    /** A colour per series name, in first-seen order. */
    static final class Colors {
        private final Map<String, String> byName = new LinkedHashMap<>();

        Colors(List<String> names) { for (String n : names) of(n); }

        String of(String name) { return byName.computeIfAbsent(name, k -> PALETTE[byName.size() % PALETTE.length]); }

        Map<String, String> all() { return byName; }
    }

    /**
     * One bar.
     *
     * @param series the series (legend entry, colour)
     * @param value the bar's length
     * @param note text after the bar's end
     */
    record Bar(String series, double value, String note) {}

    /**
     * A labelled group of bars.
     *
     * @param label the configuration
     * @param bars one per series
     */
    record Group(String label, List<Bar> bars) {}

    /**
     * One line.
     *
     * @param name legend entry
     * @param points {x, y} pairs
     */
    record Series(String name, List<double[]> points) {}

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    /** Tick positions 0, step, 2 step, ... covering {@code max}, with a 1-2-5 step. */
    static double[] ticks(double max, int target) {
        if (!(max > 0)) return new double[] {0, 1};
        double raw = max / target, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        int n = (int) Math.ceil(max / step - 1e-9);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) t[i] = i * step;
        return t;
    }

    /**
     * Horizontal grouped bars.
     *
     * @param title the chart's title
     * @param axis what the x axis measures
     * @param groups the configurations
     * @param colors the series colours
     * @param tick formats a tick value
     * @param reference an x value to mark with a dashed line (NaN for none)
     * @param referenceLabel the mark's label
     */
    static String bars(String title, String axis, List<Group> groups, Colors colors, DoubleFunction<String> tick, double reference, String referenceLabel) {
        int width = 960, barH = 14, gap = 3, groupGap = 10, top = 58, bottom = 40;
        int longest = 0, longestNote = 0;
        for (Group g : groups) {
            longest = Math.max(longest, g.label().length());
            for (Bar b : g.bars()) longestNote = Math.max(longestNote, b.note().length());
        }
        // Room for the labels (12px) on the left and the notes (11px) after the longest bar.
        int left = Math.max(120, Math.min(400, 16 + (int) (longest * 7.2)));
        int right = Math.max(110, Math.min(420, 12 + (int) (longestNote * 6.4)));
        int height = top + bottom;
        for (Group g : groups) height += g.bars().size() * (barH + gap) + groupGap;
        double max = Double.isFinite(reference) ? reference : 0;
        for (Group g : groups) for (Bar b : g.bars()) if (Double.isFinite(b.value())) max = Math.max(max, b.value());
        double[] ticks = ticks(max * 1.02, 6);
        double xMax = ticks[ticks.length - 1];
        double plotW = width - left - right;
        StringBuilder s = new StringBuilder();
        header(s, width, height, title);
        s.append("<text x=\"").append(left).append("\" y=\"20\" class=\"t\">").append(esc(title)).append("</text>\n");
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (Group g : groups) for (Bar b : g.bars()) used.add(b.series());
        legend(s, colors, used, left, 36);
        int axisY = height - bottom;
        for (double t : ticks) {
            double x = left + plotW * t / xMax;
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(f(x)).append("\" y2=\"").append(axisY)
                    .append("\" class=\"g\"/>\n");
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(axisY + 14).append("\" class=\"k\" text-anchor=\"middle\">")
                    .append(esc(tick.apply(t))).append("</text>\n");
        }
        s.append("<text x=\"").append(f(left + plotW / 2)).append("\" y=\"").append(axisY + 32).append("\" class=\"a\" text-anchor=\"middle\">")
                .append(esc(axis)).append("</text>\n");
        double y = top;
        for (Group g : groups) {
            double gh = g.bars().size() * (barH + gap) - gap;
            s.append("<text x=\"").append(left - 8).append("\" y=\"").append(f(y + gh / 2 + 4)).append("\" class=\"l\" text-anchor=\"end\">")
                    .append(esc(g.label())).append("</text>\n");
            for (Bar b : g.bars()) {
                double v = Double.isFinite(b.value()) ? Math.max(0, b.value()) : 0;
                double w = Math.max(1, plotW * v / xMax);
                s.append("<rect x=\"").append(left).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w)).append("\" height=\"").append(barH)
                        .append("\" fill=\"").append(colors.of(b.series())).append("\"><title>").append(esc(g.label() + " · " + b.series() + ": " + b.note()))
                        .append("</title></rect>\n");
                s.append("<text x=\"").append(f(left + w + 5)).append("\" y=\"").append(f(y + barH - 3)).append("\" class=\"n\">").append(esc(b.note()))
                        .append("</text>\n");
                y += barH + gap;
            }
            y += groupGap;
        }
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(left).append("\" y2=\"").append(axisY)
                .append("\" class=\"x\"/>\n");
        if (Double.isFinite(reference)) {
            double x = left + plotW * reference / xMax;
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(top - 6).append("\" x2=\"").append(f(x)).append("\" y2=\"").append(axisY)
                    .append("\" class=\"r\"/>\n");
            s.append("<text x=\"").append(f(x + 4)).append("\" y=\"").append(top - 8).append("\" class=\"k\">").append(esc(referenceLabel)).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * Lines over a log2 x axis (sizes), with an optional horizontal reference (a machine peak).
     *
     * @param title the chart's title
     * @param xLabel what x is
     * @param yLabel what y is
     * @param series the lines
     * @param colors the series colours
     * @param xTicks x values to label
     * @param yTick formats a y tick
     * @param reference a y value to mark (NaN for none)
     * @param referenceLabel the mark's label
     */
    static String lines(String title, String xLabel, String yLabel, List<Series> series, Colors colors, double[] xTicks,
                        DoubleFunction<String> yTick, double reference, String referenceLabel) {
        int width = 960, height = 360, left = 80, right = 40, top = 50, bottom = 50;
        double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, yMax = Double.isFinite(reference) ? reference : 0;
        for (Series se : series) {
            for (double[] p : se.points()) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                if (Double.isFinite(p[1])) yMax = Math.max(yMax, p[1]);
            }
        }
        for (double t : xTicks) {
            xMin = Math.min(xMin, t);
            xMax = Math.max(xMax, t);
        }
        double lx0 = Math.log(xMin) / Math.log(2), lx1 = Math.log(xMax) / Math.log(2);
        if (lx1 <= lx0) lx1 = lx0 + 1;
        double[] yt = ticks(yMax * 1.05, 5);
        double yTop = yt[yt.length - 1];
        double plotW = width - left - right, plotH = height - top - bottom;
        double fx0 = lx0, fx1 = lx1;
        java.util.function.DoubleUnaryOperator px = x -> left + plotW * (Math.log(x) / Math.log(2) - fx0) / (fx1 - fx0);
        java.util.function.DoubleUnaryOperator py = v -> top + plotH * (1 - v / yTop);
        StringBuilder s = new StringBuilder();
        header(s, width, height, title);
        s.append("<text x=\"").append(left).append("\" y=\"20\" class=\"t\">").append(esc(title)).append("</text>\n");
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (Series se : series) used.add(se.name());
        legend(s, colors, used, left, 38);
        for (double t : yt) {
            double y = py.applyAsDouble(t);
            s.append("<line x1=\"").append(left).append("\" y1=\"").append(f(y)).append("\" x2=\"").append(width - right).append("\" y2=\"").append(f(y))
                    .append("\" class=\"g\"/>\n");
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(f(y + 4)).append("\" class=\"k\" text-anchor=\"end\">").append(esc(yTick.apply(t)))
                    .append("</text>\n");
        }
        for (double t : xTicks) {
            double x = px.applyAsDouble(t);
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(top).append("\" x2=\"").append(f(x)).append("\" y2=\"").append(height - bottom)
                    .append("\" class=\"g\"/>\n");
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(height - bottom + 16).append("\" class=\"k\" text-anchor=\"middle\">")
                    .append(esc(Fmt.sig(t))).append("</text>\n");
        }
        s.append("<text x=\"").append(f(left + plotW / 2)).append("\" y=\"").append(height - 10).append("\" class=\"a\" text-anchor=\"middle\">")
                .append(esc(xLabel)).append("</text>\n");
        s.append("<text x=\"16\" y=\"").append(f(top + plotH / 2)).append("\" class=\"a\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(f(top + plotH / 2)).append(")\">").append(esc(yLabel)).append("</text>\n");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width - right).append("\" y2=\"")
                .append(height - bottom).append("\" class=\"x\"/>\n");
        if (Double.isFinite(reference)) {
            double y = py.applyAsDouble(reference);
            s.append("<line x1=\"").append(left).append("\" y1=\"").append(f(y)).append("\" x2=\"").append(width - right).append("\" y2=\"").append(f(y))
                    .append("\" class=\"r\"/>\n");
            s.append("<text x=\"").append(width - right).append("\" y=\"").append(f(y - 6)).append("\" class=\"k\" text-anchor=\"end\">")
                    .append(esc(referenceLabel)).append("</text>\n");
        }
        for (Series se : series) {
            String c = colors.of(se.name());
            List<String> pts = new ArrayList<>();
            for (double[] p : se.points()) if (Double.isFinite(p[1])) pts.add(f(px.applyAsDouble(p[0])) + "," + f(py.applyAsDouble(p[1])));
            s.append("<polyline fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"2.5\" points=\"").append(String.join(" ", pts)).append("\"/>\n");
            for (double[] p : se.points()) {
                if (!Double.isFinite(p[1])) continue;
                s.append("<circle cx=\"").append(f(px.applyAsDouble(p[0]))).append("\" cy=\"").append(f(py.applyAsDouble(p[1]))).append("\" r=\"4\" fill=\"")
                        .append(c).append("\"><title>").append(esc(se.name() + " " + Fmt.sig(p[0]) + ": " + yTick.apply(p[1]))).append("</title></circle>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    private static void header(StringBuilder s, int width, int height, String title) {
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
        s.append("<style>text{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;fill:#222}.t{font-size:15px;font-weight:600}"
                + ".l{font-size:12px}.n{font-size:11px;fill:#444}.k{font-size:11px;fill:#555}.a{font-size:12px;fill:#333}"
                + ".g{stroke:#e3e3e3;stroke-width:1}.x{stroke:#888;stroke-width:1}.r{stroke:#222;stroke-width:1.5;stroke-dasharray:6 4}</style>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    }

    /** One swatch per series of this chart, in the shared colour order. */
    private static void legend(StringBuilder s, Colors colors, java.util.Set<String> used, int x, int y) {
        for (String u : used) colors.of(u);
        double cx = x;
        for (Map.Entry<String, String> e : colors.all().entrySet()) {
            if (!used.contains(e.getKey())) continue;
            s.append("<rect x=\"").append(f(cx)).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"").append(e.getValue()).append("\"/>");
            s.append("<text x=\"").append(f(cx + 16)).append("\" y=\"").append(y).append("\" class=\"l\">").append(esc(e.getKey())).append("</text>\n");
            cx += 32 + e.getKey().length() * 7;
        }
    }
}
