package dev.triad.conformance.report;

import dev.triad.conformance.check.CaseDetail;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report for people: one self-contained HTML page (its CSS and script inlined, no
 * external assets, so it opens from a file or a CI artifact). From the top: the verdict and a
 * card per backend with its counts; a filter bar (op name, status, backend, check family,
 * "only ops with problems"); an op × check × dtype matrix per backend whose chips link to the
 * details; each failure with its cases (input types, expected and actual excerpts) and the
 * command that reruns it; the declared-unsupported ops with their reasons; and every result
 * with its worst error against the float64 reference and the tolerance it was held to.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The page. */
    public static String render(ConformanceReport report) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Triad conformance: ").append(report.passed() ? "PASS" : "FAIL").append("</title>\n<style>\n")
                .append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        header(b, report);
        b.append("<main>\n");
        cards(b, report);
        filters(b, report);
        matrices(b, report);
        failures(b, report);
        unsupported(b, report);
        allResults(b, report);
        b.append("</main>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, ConformanceReport r) {
        String verdict = r.passed() ? "PASS" : "FAIL";
        b.append("<header>\n<h1>Triad conformance report</h1> <span class=\"verdict ").append(verdict).append("\">").append(verdict);
        if (!r.passed()) b.append(" · ").append(r.failures()).append(r.failures() == 1 ? " failing check" : " failing checks");
        b.append("</span>\n<p class=\"meta\">").append(esc(r.started().toString())).append(" · ").append(Format.duration(r.millis()))
                .append(" · <code>").append(esc(r.command())).append("</code></p>\n<p class=\"meta\">Checks: ")
                .append(r.filters().isEmpty() ? "all" : "<code>" + esc(String.join("; ", r.filters())) + "</code>")
                .append(" · front-end checks: ").append(r.frontends().isEmpty() ? "none" : esc(String.join(", ", r.frontends())));
        for (Map.Entry<String, String> e : r.environment().entrySet()) b.append(" · ").append(esc(e.getKey())).append(' ').append(esc(e.getValue()));
        b.append("</p>\n<p class=\"meta\">A backend passes when every check passes or is declared unsupported by the backend itself; "
                + "declared-unsupported cases are shown with the backend's reason and never counted as passes.</p>\n</header>\n");
    }

    private static void cards(StringBuilder b, ConformanceReport r) {
        b.append("<section class=\"cards\" id=\"summary\">\n");
        if (r.backends().isEmpty()) b.append("<p class=\"empty\">No backend was found.</p>\n");
        for (BackendRun run : r.backends()) {
            Map<Status, Integer> c = run.counts();
            int total = Math.max(1, run.results().size());
            b.append("<div class=\"card ").append(run.verdict()).append("\">\n<h3>").append(esc(run.name())).append(" <span class=\"verdict ")
                    .append(run.verdict()).append("\">").append(run.verdict()).append("</span></h3>\n<div class=\"why\">")
                    .append(esc(run.origin())).append(run.requested() ? ", requested" : "").append(" · ").append(esc(run.availability())).append("</div>\n");
            if (!run.results().isEmpty()) {
                b.append("<div class=\"stack\" title=\"pass / fail / declared unsupported / n/a\">");
                for (Status s : List.of(Status.PASS, Status.FAIL, Status.UNSUPPORTED, Status.NOT_APPLICABLE)) {
                    if (c.get(s) == 0) continue;
                    b.append("<span style=\"width:").append(String.format(Locale.ROOT, "%.2f", 100.0 * c.get(s) / total)).append("%;background:")
                            .append(color(s)).append("\"></span>");
                }
                b.append("</div>\n<div class=\"counts\">");
                for (Status s : List.of(Status.PASS, Status.FAIL, Status.UNSUPPORTED, Status.NOT_APPLICABLE)) {
                    b.append("<div class=\"c-").append(Format.key(s)).append("\"><b>").append(c.get(s)).append("</b>").append(Format.status(s)).append("</div>");
                }
                b.append("</div>\n<div class=\"small\">").append(run.results().size()).append(" checks on ").append(run.ops().size())
                        .append(" ops and topics · ").append(Format.duration(run.millis())).append("</div>\n");
            }
            if (!run.devices().isEmpty()) {
                b.append("<ul class=\"devices\">");
                for (String d : run.devices()) b.append("<li>").append(esc(d)).append("</li>");
                b.append("</ul>\n");
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static void filters(StringBuilder b, ConformanceReport r) {
        Set<String> families = new LinkedHashSet<>();
        for (BackendRun run : r.backends()) families.addAll(Matrix.of(run).families());
        b.append("<nav id=\"filters\">\n<input type=\"search\" id=\"q\" placeholder=\"ops: sub, conv*, reduce_?ax\" aria-label=\"filter ops\">\n");
        for (Status s : List.of(Status.PASS, Status.FAIL, Status.UNSUPPORTED, Status.NOT_APPLICABLE)) {
            b.append("<label><input type=\"checkbox\" data-status=\"").append(Format.key(s)).append("\" checked> ")
                    .append(chip(s, "")).append(Format.status(s)).append("</label>\n");
        }
        b.append("<select id=\"backend\" aria-label=\"backend\"><option value=\"\">all backends</option>");
        for (BackendRun run : r.backends()) b.append("<option>").append(esc(run.name())).append("</option>");
        b.append("</select>\n<select id=\"family\" aria-label=\"check\"><option value=\"\">all checks</option>");
        for (String f : families) b.append("<option value=\"").append(esc(f)).append("\">").append(esc(f)).append("</option>");
        b.append("</select>\n<label><input type=\"checkbox\" id=\"problems\"> only ops with problems</label>\n<span id=\"shown\"></span>\n</nav>\n");
    }

    private static void matrices(StringBuilder b, ConformanceReport r) {
        b.append("<section id=\"matrix\">\n<h2>Op × check × dtype</h2>\n<p class=\"small\">One row per op (and per topic: rng, memory, "
                + "front-end transformations), one column per check; per-dtype checks show a chip per dtype. Hover a chip for its error and "
                + "tolerance; click it for details.</p>\n");
        for (int bi = 0; bi < r.backends().size(); bi++) {
            BackendRun run = r.backends().get(bi);
            if (run.results().isEmpty()) continue;
            Map<CheckResult, Integer> index = indexOf(run);
            Matrix m = Matrix.of(run);
            b.append("<div class=\"mx\" data-backend=\"").append(esc(run.name())).append("\">\n<h3>").append(esc(run.name())).append("</h3>\n")
                    .append("<table class=\"matrix\">\n<thead><tr><th></th>");
            List<String> headings = m.headings();
            for (int fi = 0; fi < m.families().size(); fi++) {
                String f = m.families().get(fi);
                b.append("<th class=\"fam\" data-family=\"").append(esc(f)).append("\" title=\"").append(esc(f)).append("\"><span>")
                        .append(esc(headings.get(fi))).append("</span></th>");
            }
            b.append("</tr></thead>\n<tbody>\n");
            for (Matrix.Row row : m.rows()) {
                boolean problem = row.cells().values().stream().flatMap(List::stream)
                        .anyMatch(e -> e.result().status() == Status.FAIL || e.result().status() == Status.UNSUPPORTED);
                boolean failed = row.cells().values().stream().flatMap(List::stream).anyMatch(e -> e.result().status() == Status.FAIL);
                String cls = failed ? "problem failed" : problem ? "problem" : "";
                b.append("<tr data-op=\"").append(esc(row.op())).append('"').append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append("><th>")
                        .append(esc(row.op())).append("</th>");
                for (String f : m.families()) {
                    b.append("<td data-family=\"").append(esc(f)).append("\">");
                    for (Matrix.Entry e : row.cell(f)) {
                        CheckResult res = e.result();
                        String href = (res.status() == Status.FAIL ? "#f-" : "#a-") + bi + "-" + index.get(res);
                        b.append("<a class=\"chip ").append(Format.key(res.status())).append("\" data-status=\"").append(Format.key(res.status()))
                                .append("\" href=\"").append(href).append("\" title=\"").append(esc(run.name() + ": " + Format.oneLine(res))).append("\">")
                                .append(e.dtype().isEmpty() ? symbol(res.status()) : esc(e.dtype())).append("</a>");
                    }
                    b.append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</div>\n");
        }
        b.append("</section>\n");
    }

    private static void failures(StringBuilder b, ConformanceReport r) {
        b.append("<section id=\"failures\">\n<h2>Failures (<span data-count-of=\"details.result\">").append(r.failures()).append("</span>)</h2>\n");
        if (r.failures() == 0) b.append("<p class=\"empty\">No check failed.</p>\n");
        for (int bi = 0; bi < r.backends().size(); bi++) {
            BackendRun run = r.backends().get(bi);
            Matrix m = Matrix.of(run);
            for (int ri = 0; ri < run.results().size(); ri++) {
                CheckResult res = run.results().get(ri);
                if (res.status() != Status.FAIL) continue;
                b.append("<details class=\"result\" open id=\"f-").append(bi).append('-').append(ri).append('"').append(item(run, m, res)).append(">\n<summary>")
                        .append(chip(Status.FAIL, "FAIL")).append(" <span class=\"op\">").append(esc(run.name())).append(" · ").append(esc(res.op()))
                        .append(" · ").append(esc(res.check())).append("</span> — ").append(res.cases()).append(res.cases() == 1 ? " case" : " cases");
                if (Format.numeric(res)) b.append(" · ").append(Format.errorVsTolerance(res));
                b.append("</summary>\n<div class=\"rerun\"><code>").append(esc(r.rerun(run, res))).append("</code><button type=\"button\">copy</button></div>\n");
                Set<String> detailed = new LinkedHashSet<>();
                if (!res.details().isEmpty()) {
                    b.append("<table class=\"cases\"><tr><th>case</th><th>inputs</th><th>expected</th><th>actual</th></tr>\n");
                    for (CaseDetail d : res.details()) {
                        detailed.add(d.caseName());
                        b.append("<tr><td>").append(esc(d.caseName())).append("</td><td class=\"mono\">").append(esc(String.join(", ", d.inputs())))
                                .append("</td><td><code>").append(esc(d.expected())).append("</code></td><td><code>").append(esc(d.actual()))
                                .append("</code></td></tr>\n<tr><td></td><td colspan=\"3\" class=\"msg\">").append(esc(Format.message(d))).append("</td></tr>\n");
                    }
                    b.append("</table>\n");
                }
                List<String> rest = new ArrayList<>();
                for (String p : res.problems()) if (detailed.stream().noneMatch(p::startsWith)) rest.add(p);
                if (!rest.isEmpty()) {
                    b.append("<ul class=\"problems\">");
                    for (String p : rest.subList(0, Math.min(rest.size(), 20))) b.append("<li>").append(esc(p)).append("</li>");
                    if (rest.size() > 20) b.append("<li>… ").append(rest.size() - 20).append(" more</li>");
                    b.append("</ul>\n");
                }
                b.append("</details>\n");
            }
        }
        b.append("</section>\n");
    }

    private static void unsupported(StringBuilder b, ConformanceReport r) {
        boolean any = false;
        int count = 0;
        StringBuilder rows = new StringBuilder();
        for (BackendRun run : r.backends()) {
            Matrix m = Matrix.of(run);
            Map<String, List<CheckResult>> byOp = new LinkedHashMap<>();
            for (CheckResult res : run.with(Status.UNSUPPORTED)) byOp.computeIfAbsent(res.op(), k -> new ArrayList<>()).add(res);
            for (Map.Entry<String, List<CheckResult>> e : byOp.entrySet()) {
                any = true;
                count++;
                Set<String> reasons = new LinkedHashSet<>(), families = new LinkedHashSet<>();
                for (CheckResult res : e.getValue()) {
                    reasons.addAll(Format.reasons(res));
                    families.add(m.column(res));
                }
                rows.append("<tr data-item data-backend=\"").append(esc(run.name())).append("\" data-op=\"").append(esc(e.getKey()))
                        .append("\" data-status=\"unsupported\" data-family=\"").append(esc(String.join("|", families))).append("\"><td>")
                        .append(esc(run.name())).append("</td><td class=\"mono\">").append(esc(e.getKey())).append("</td><td>")
                        .append(esc(String.join(", ", e.getValue().stream().map(CheckResult::check).toList()))).append("</td><td>")
                        .append(esc(String.join("; ", reasons.stream().limit(3).toList()))).append(reasons.size() > 3 ? "; …" : "").append("</td></tr>\n");
            }
        }
        b.append("<section id=\"unsupported\">\n<h2>Declared unsupported (<span data-count-of=\"#unsupported tr[data-item]\">").append(count)
                .append("</span> ops)</h2>\n");
        if (!any) {
            b.append("<p class=\"empty\">Nothing is declared unsupported.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"list\"><thead><tr><th>backend</th><th>op</th><th>checks</th><th>reason (the backend's words)</th></tr></thead>\n<tbody>\n")
                .append(rows).append("</tbody></table>\n</section>\n");
    }

    private static void allResults(StringBuilder b, ConformanceReport r) {
        int total = r.backends().stream().mapToInt(x -> x.results().size()).sum();
        b.append("<section id=\"all\">\n<h2>All results (<span data-count-of=\"#all tr[data-item]\">").append(total).append("</span>)</h2>\n")
                .append("<p class=\"small\">Max error is the worst case's difference from the float64 reference (or from a finite "
                        + "difference, for derivative checks); the bar shows it as a fraction of the tolerance that case was held to.</p>\n")
                .append("<table class=\"list\"><thead><tr><th>backend</th><th>op</th><th>check</th><th>status</th><th>cases</th>"
                        + "<th>max error</th><th>tolerance</th><th>error / tolerance</th></tr></thead>\n<tbody>\n");
        for (int bi = 0; bi < r.backends().size(); bi++) {
            BackendRun run = r.backends().get(bi);
            Matrix m = Matrix.of(run);
            for (int ri = 0; ri < run.results().size(); ri++) {
                CheckResult res = run.results().get(ri);
                b.append("<tr id=\"a-").append(bi).append('-').append(ri).append('"').append(item(run, m, res)).append("><td>").append(esc(run.name()))
                        .append("</td><td class=\"mono\">").append(esc(res.op())).append("</td><td>");
                if (res.status() == Status.FAIL) b.append("<a href=\"#f-").append(bi).append('-').append(ri).append("\">").append(esc(res.check())).append("</a>");
                else b.append(esc(res.check()));
                b.append("</td><td title=\"").append(esc(res.problems().isEmpty() ? "" : Format.clip(res.problems().get(0), 300))).append("\">")
                        .append(chip(res.status(), symbol(res.status()))).append(' ').append(Format.status(res.status())).append("</td><td class=\"num\">")
                        .append(res.cases()).append("</td><td class=\"num\">").append(Format.numeric(res) ? Format.error(res.maxError()) : "")
                        .append("</td><td class=\"num\">").append(Format.numeric(res) ? Format.error(res.tolerance()) : "").append("</td><td>")
                        .append(ratio(res)).append("</td></tr>\n");
            }
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static String ratio(CheckResult r) {
        if (!Format.numeric(r)) return "";
        if (r.tolerance() == 0) return r.maxError() == 0 ? "exact" : "";
        double q = r.maxError() / r.tolerance();
        String width = String.format(Locale.ROOT, "%.0f", 100 * Math.min(1, q));
        return "<span class=\"ratio" + (q > 1 ? " over" : "") + "\"><i style=\"width:" + width + "%\"></i></span> " + Format.error(q);
    }

    /** The data attributes the filters read; the family is the matrix column, so that one filter hides the same things everywhere. */
    private static String item(BackendRun run, Matrix m, CheckResult r) {
        return " data-item data-backend=\"" + esc(run.name()) + "\" data-op=\"" + esc(r.op()) + "\" data-family=\"" + esc(m.column(r))
                + "\" data-status=\"" + Format.key(r.status()) + "\"";
    }

    private static Map<CheckResult, Integer> indexOf(BackendRun run) {
        Map<CheckResult, Integer> m = new java.util.IdentityHashMap<>();
        for (int i = 0; i < run.results().size(); i++) m.put(run.results().get(i), i);
        return m;
    }

    private static String chip(Status s, String text) { return "<span class=\"chip " + Format.key(s) + "\">" + esc(text) + "</span>"; }

    private static String symbol(Status s) {
        return switch (s) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case UNSUPPORTED -> "⊘";
            case NOT_APPLICABLE -> "–";
        };
    }

    private static String color(Status s) {
        return switch (s) {
            case PASS -> "var(--pass)";
            case FAIL -> "var(--fail)";
            case UNSUPPORTED -> "var(--unsup)";
            case NOT_APPLICABLE -> "var(--na)";
        };
    }

    /** Text escaped for HTML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " next to " + HtmlReport.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
