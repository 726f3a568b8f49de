package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.spi.backend.Device;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no external
 * asset, so it can be mailed or archived as a single file.
 */
final class HtmlReport {
    private HtmlReport() {}

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:34px 0 6px;border-bottom:2px solid #4477AA;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}.sub{color:#555;margin:0 0 14px}
            .warn{background:#fff4e5;border-left:4px solid #e69500;padding:8px 12px;margin:10px 0}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
            .card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:200px;background:#fafafa}
            .card b{display:block;font-size:22px;color:#4477AA}.card span{color:#555;font-size:13px}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px;width:100%}
            th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
            th{background:#f3f5f8;font-weight:600;white-space:nowrap}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            td.check{color:#2a7a2a;font-size:12px;overflow-wrap:anywhere}td.long{overflow-wrap:anywhere}.bad{color:#b00}
            nav a{margin-right:14px}svg{max-width:100%;height:auto;display:block;margin:8px 0}
            .muted{color:#666;font-size:13px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
            """;

    static String render(BenchReport r, List<Charts.Chart> charts) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Triad benchmark report ")
                .append(esc(WHEN.format(r.started()))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Triad benchmark report</h1>\n<p class=\"sub\">").append(esc(r.profile().name().toLowerCase(Locale.ROOT))).append(" profile · ")
                .append(esc(WHEN.format(r.started()))).append(" · ran ").append(esc(Fmt.sig(r.seconds() / 60))).append(" min · ratios against the ")
                .append(esc(r.baselineName())).append(" · ").append(r.measurements().size()).append(" timed configurations, every one checked against a reference</p>\n");
        noise(h, r);
        cards(h, r);
        machine(h, r);
        h.append("<nav>");
        for (Catalog.Group g : Catalog.Group.values()) h.append("<a href=\"#").append(g.name().toLowerCase(Locale.ROOT)).append("\">").append(esc(g.title())).append("</a>");
        h.append("<a href=\"#skipped\">Not measured</a><a href=\"#method\">Method</a></nav>\n");
        for (Catalog.Group g : Catalog.Group.values()) section(h, r, g, charts);
        skipped(h, r);
        method(h, r);
        return h.append("</body></html>\n").toString();
    }

    static String esc(String s) { return Svg.esc(s == null ? "" : s); }

    private static void noise(StringBuilder h, BenchReport r) {
        int cpus = r.machine().logicalCpus();
        double load = Math.max(r.loadBefore(), r.loadAfter());
        String loads = "load average " + Fmt.sig(r.loadBefore()) + " at the start and " + Fmt.sig(r.loadAfter()) + " at the end, on " + cpus + " CPUs";
        if (Double.isFinite(load) && load > 0.5 * cpus) {
            h.append("<div class=\"warn\"><b>Noisy machine:</b> ").append(esc(loads)).append(". Other work shared the cores while this ran, so absolute "
                    + "numbers are pessimistic and spread widely; ratios between rows of this report, measured under the same load, are the safer reading.</div>\n");
        } else {
            h.append("<p class=\"muted\">").append(esc(loads)).append(" (quiet enough for stable numbers).</p>\n");
        }
    }

    private static void cards(StringBuilder h, BenchReport r) {
        h.append("<div class=\"cards\">");
        BenchReport.Limit c = r.computeLimit(), b = r.memoryLimit();
        card(h, Fmt.perSecond(c.value(), "FLOP"), "FP32 limit: " + c.source());
        card(h, Fmt.perSecond(b.value(), "B"), "memory bandwidth limit: " + b.source());
        card(h, r.machine().logicalCpus() + " CPUs", r.machine().cpuModel());
        card(h, r.machine().simdBits() > 0 ? r.machine().simdBits() + "-bit" : "unknown", "SIMD width (Vector API preferred)");
        card(h, String.join(", ", r.machine().availableBackends()), "backends measured");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String big, String small) {
        h.append("<div class=\"card\"><b>").append(esc(big)).append("</b><span>").append(esc(small)).append("</span></div>");
    }

    private static void machine(StringBuilder h, BenchReport r) {
        MachineInfo m = r.machine();
        h.append("<h3>Machine</h3><table>");
        row(h, "CPU", m.cpuModel() + " — " + m.logicalCpus() + " logical CPUs available to the JVM"
                + (m.coresPerSocket() > 0 ? ", " + m.coresPerSocket() + " cores per socket reported" : ""));
        row(h, "SIMD", (m.simdBits() > 0 ? m.simdBits() + "-bit preferred float vectors" : "unknown") + (m.isa().isEmpty() ? "" : "; ISA: " + String.join(" ", m.isa())));
        row(h, "Memory", Fmt.bytes(m.memoryBytes()));
        row(h, "JDK", m.jdk());
        row(h, "OS", m.os());
        row(h, "JMH", m.jmhVersion());
        row(h, "Source", m.revision());
        h.append("</table>\n<h3>Backends</h3><table><tr><th>backend</th><th>version</th><th>priority</th><th>status</th><th>devices</th></tr>\n");
        for (MachineInfo.BackendInfo b : m.backends()) {
            StringBuilder dev = new StringBuilder();
            for (Device d : b.devices()) {
                dev.append("<b>").append(esc(d.id())).append("</b> ").append(esc(d.name()));
                StringBuilder props = new StringBuilder();
                for (Map.Entry<String, String> e : d.properties().entrySet()) {
                    if (!props.isEmpty()) props.append(", ");
                    props.append(e.getKey()).append('=').append(e.getValue());
                }
                if (!props.isEmpty()) dev.append("<br><span class=\"muted\">").append(esc(props.toString())).append("</span>");
                dev.append("<br>");
            }
            h.append("<tr><td>").append(esc(b.name())).append("</td><td>").append(esc(b.version())).append("</td><td class=\"num\">").append(b.priority())
                    .append("</td><td class=\"long\">").append(b.available() ? "available: " : "<span class=\"bad\">unavailable:</span> ").append(esc(b.reason()))
                    .append("</td><td class=\"long\">").append(dev).append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Front-ends</h3><table><tr><th>front-end</th><th>benchmarked</th><th>how</th></tr>\n");
        for (MachineInfo.FrontendInfo f : m.frontends()) {
            h.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(f.benchmarked() ? "yes" : "no").append("</td><td>").append(esc(f.note()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static void section(StringBuilder h, BenchReport r, Catalog.Group g, List<Charts.Chart> charts) {
        h.append("<h2 id=\"").append(g.name().toLowerCase(Locale.ROOT)).append("\">").append(esc(g.title())).append("</h2>\n<p class=\"muted\">")
                .append(esc(g.description())).append("</p>\n");
        for (Charts.Chart c : charts) if (c.group() == g) h.append(c.svg());
        if (g == Catalog.Group.MEMORY) {
            if (r.memory().isEmpty()) {
                h.append("<p class=\"muted\">Not measured in this run.</p>\n");
                return;
            }
            table(h, Rows.memoryHeadings(), r.memory().stream().map(m -> Rows.memoryCells(r, m)).toList(), 3, null);
            return;
        }
        List<Measurement> rows = r.group(g);
        if (rows.isEmpty()) {
            h.append("<p class=\"muted\">Nothing in this group ran; see <a href=\"#skipped\">Not measured</a>.</p>\n");
            return;
        }
        List<String> heads = Rows.headings(g);
        table(h, heads, rows.stream().map(m -> Rows.cells(r, m)).toList(), g == Catalog.Group.TRAINING ? 4 : 3,
                rows.stream().map(m -> m.check() == null ? "" : m.check()).toList());
    }

    /**
     * A table whose columns from {@code firstNumeric} on are right-aligned numbers, except the
     * check column, whose full text (with the tolerance) is in {@code checkTitles} as a tooltip.
     */
    private static void table(StringBuilder h, List<String> heads, List<List<String>> rows, int firstNumeric, List<String> checkTitles) {
        h.append("<table><tr>");
        for (String s : heads) h.append("<th>").append(esc(s)).append("</th>");
        h.append("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean check = heads.get(i).equals("check");
                String cls = check ? " class=\"check\"" : heads.get(i).equals("reason") ? " class=\"long\"" : i >= firstNumeric ? " class=\"num\"" : "";
                String title = check && checkTitles != null ? " title=\"" + esc(checkTitles.get(r)) + "\"" : "";
                h.append("<td").append(cls).append(title).append(">").append(esc(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void skipped(StringBuilder h, BenchReport r) {
        h.append("<h2 id=\"skipped\">Not measured</h2>\n");
        if (r.skips().isEmpty()) {
            h.append("<p class=\"muted\">Every configuration of this profile ran on every available backend.</p>\n");
            return;
        }
        table(h, List.of("benchmark", "parameters", "reason"), r.skips().stream().map(s -> List.of(s.benchmark(), s.params(), s.reason())).toList(), 99, null);
    }

    private static void method(StringBuilder h, BenchReport r) {
        h.append("<h2 id=\"method\">Method</h2><ul>\n");
        for (String line : Method.lines(r)) h.append("<li>").append(esc(line)).append("</li>\n");
        h.append("</ul>\n");
    }
}
