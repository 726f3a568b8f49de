package dev.triad.conformance.report;

import dev.triad.conformance.check.CaseDetail;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report for a pull request: the verdict and a summary table per backend up front, then
 * each failure with its cases and the command that reruns it, the declared-unsupported ops
 * with their reasons, and the op × check matrix of the ops with problems folded away in
 * {@code <details>}. It stays under the size GitHub accepts for a comment.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The dtype in a declared-unsupported reason ("... does not support it for f32: ..."). */
    private static final Pattern FOR_DTYPE = Pattern.compile(" for (f32|f64|bf16|f16|i32|i64|u8|bool)\\b");

    /** Failures written out in full, with their cases; later ones get a line each. The JSON and HTML have everything. */
    private static final int FULL_FAILURES = 15;
    /** Failures listed at all. */
    private static final int MAX_FAILURES = 100;
    /** Cases shown per failure. */
    private static final int CASES_SHOWN = 3;
    /** GitHub refuses comments longer than 65,536 characters: the matrix is left out rather than the report cut. */
    static final int COMMENT_LIMIT = 60_000;

    /** The report as Markdown text. */
    public static String render(ConformanceReport report) {
        StringBuilder b = new StringBuilder("# Triad conformance report\n\n");
        long failures = report.failures();
        if (report.passed()) {
            b.append("**PASS**: no check failed");
        } else {
            long failedBackends = report.backends().stream().filter(BackendRun::failed).count();
            b.append("**FAIL**: ").append(failures).append(failures == 1 ? " failing check" : " failing checks").append(" on ")
                    .append(failedBackends).append(" of ").append(report.backends().size()).append(report.backends().size() == 1 ? " backend" : " backends");
        }
        b.append(". Declared-unsupported cases are listed, never counted as passes.\n\n");
        b.append("Run ").append(report.started()).append(" for ").append(Format.duration(report.millis())).append(": `").append(report.command()).append("`");
        if (!report.filters().isEmpty()) b.append("; filters ").append(code(String.join("; ", report.filters())));
        b.append("; front-end checks: ").append(report.frontends().isEmpty() ? "none" : String.join(", ", report.frontends())).append(".\n");
        List<String> env = new ArrayList<>();
        report.environment().forEach((k, v) -> env.add(k + " " + v));
        if (!env.isEmpty()) b.append(String.join(" · ", env)).append('\n');
        summary(b, report);
        failures(b, report);
        unsupported(b, report);
        StringBuilder m = new StringBuilder();
        matrices(m, report);
        if (b.length() + m.length() <= COMMENT_LIMIT) b.append(m);
        else b.append("\n## Ops with problems\n\nLeft out to keep this short enough for a pull-request comment; the HTML report has them.\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, ConformanceReport report) {
        b.append("\n## Summary\n\n");
        if (report.backends().isEmpty()) {
            b.append("No backend was found.\n");
            return;
        }
        b.append("| backend | verdict | origin | checks | pass | fail | declared unsupported | n/a | ops | time |\n");
        b.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (BackendRun r : report.backends()) {
            Map<Status, Integer> c = r.counts();
            String verdict = icon(r.verdict()) + " " + r.verdict() + (r.available() ? "" : ": " + cell(r.availability()));
            b.append("| ").append(cell(r.name())).append(" | ").append(verdict).append(" | ").append(cell(r.origin())).append(" | ")
                    .append(r.results().size()).append(" | ").append(c.get(Status.PASS)).append(" | ").append(c.get(Status.FAIL)).append(" | ")
                    .append(c.get(Status.UNSUPPORTED)).append(" | ").append(c.get(Status.NOT_APPLICABLE)).append(" | ")
                    .append(r.ops().size()).append(" | ").append(Format.duration(r.millis())).append(" |\n");
        }
    }

    private static void failures(StringBuilder b, ConformanceReport report) {
        if (report.failures() == 0) return;
        b.append("\n## Failures\n");
        int shown = 0;
        for (BackendRun run : report.backends()) {
            for (CheckResult r : run.with(Status.FAIL)) {
                if (shown++ == MAX_FAILURES) {
                    b.append("\n… ").append(report.failures() - MAX_FAILURES).append(" more failures in the JSON and HTML reports.\n");
                    return;
                }
                if (shown > FULL_FAILURES) {
                    if (shown == FULL_FAILURES + 1) b.append("\n### More failures\n\n");
                    b.append("- ").append(run.name()).append(" · ").append(r.op()).append(" · ").append(r.check()).append(": ")
                            .append(code(report.rerun(run, r))).append('\n');
                    continue;
                }
                b.append("\n### ").append(run.name()).append(" · ").append(r.op()).append(" · ").append(r.check()).append("\n\n");
                b.append("FAIL, ").append(r.cases()).append(r.cases() == 1 ? " case" : " cases");
                if (Format.numeric(r)) b.append(", ").append(Format.errorVsTolerance(r));
                b.append(". Rerun: ").append(code(report.rerun(run, r))).append("\n\n");
                Set<String> detailed = new LinkedHashSet<>();
                for (CaseDetail d : r.details()) {
                    detailed.add(d.caseName());
                    if (detailed.size() > CASES_SHOWN) continue;
                    b.append("- ").append(code(d.caseName()));
                    if (!d.inputs().isEmpty()) b.append(" with inputs ").append(String.join(", ", d.inputs().stream().map(MarkdownReport::code).toList()));
                    b.append(": ").append(oneLine(Format.message(d))).append('\n');
                    if (!d.expected().isEmpty()) b.append("  - expected ").append(code(d.expected())).append('\n');
                    if (!d.actual().isEmpty()) b.append("  - actual   ").append(code(d.actual())).append('\n');
                }
                // Problems without details (leaks, unsupported cases of a failing check, cases past the detail limit).
                int extra = 0;
                for (String p : r.problems()) {
                    if (detailed.stream().anyMatch(p::startsWith)) continue;
                    if (extra++ == CASES_SHOWN) {
                        b.append("- …\n");
                        break;
                    }
                    b.append("- ").append(oneLine(p)).append('\n');
                }
            }
        }
    }

    private static void unsupported(StringBuilder b, ConformanceReport report) {
        boolean any = report.backends().stream().anyMatch(r -> r.counts().get(Status.UNSUPPORTED) > 0);
        if (!any) return;
        b.append("\n## Declared unsupported\n");
        for (BackendRun run : report.backends()) {
            List<CheckResult> list = run.with(Status.UNSUPPORTED);
            if (list.isEmpty()) continue;
            Map<String, List<CheckResult>> byOp = new LinkedHashMap<>();
            for (CheckResult r : list) byOp.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r);
            b.append("\n<details><summary>").append(run.name()).append(": ").append(list.size()).append(" checks on ").append(byOp.size())
                    .append(" ops</summary>\n\n| op | checks | reasons |\n|---|---|---|\n");
            // The same few reasons recur on many ops and dtypes: each is written once, below the table, with the dtypes it
            // was given for, and cited by number.
            List<String> notes = new ArrayList<>();
            Map<String, Set<String>> dtypes = new LinkedHashMap<>();
            for (Map.Entry<String, List<CheckResult>> e : byOp.entrySet()) {
                Set<String> cited = new LinkedHashSet<>();
                for (CheckResult r : e.getValue()) {
                    for (String reason : Format.reasons(r)) {
                        Matcher m = FOR_DTYPE.matcher(reason);
                        String key = reason;
                        if (m.find()) {
                            key = reason.substring(0, m.start(1)) + "{}" + reason.substring(m.end(1));
                            dtypes.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(m.group(1));
                        }
                        if (!notes.contains(key)) notes.add(key);
                        cited.add("[" + (notes.indexOf(key) + 1) + "]");
                    }
                }
                b.append("| ").append(cell(e.getKey())).append(" | ").append(cell(checks(run, e.getKey(), e.getValue()))).append(" | ")
                        .append(String.join(" ", cited)).append(" |\n");
            }
            b.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                String note = notes.get(i);
                Set<String> ts = dtypes.get(note);
                b.append(i + 1).append(". ").append(oneLine(ts == null ? note : note.replace("{}", String.join(", ", ts)))).append('\n');
            }
            b.append("\n</details>\n");
        }
    }

    /** How many of an op's checks are declared unsupported: {@code all 21 checks} or {@code 12 of 21 checks} (the matrix says which). */
    private static String checks(BackendRun run, String op, List<CheckResult> unsupported) {
        long total = run.results().stream().filter(r -> r.op().equals(op)).count();
        return (unsupported.size() == total ? "all " : unsupported.size() + " of ") + total + (total == 1 ? " check" : " checks");
    }

    /** The matrix of the ops that have a failing or declared-unsupported check; the HTML report has every op. */
    private static void matrices(StringBuilder b, ConformanceReport report) {
        b.append("\n## Ops with problems\n\n✅ pass · ❌ fail · 🚫 declared unsupported · ➖ not applicable; a check whose dtypes "
                + "disagree shows each dtype. Ops whose every check passed (or does not apply) are left out.\n");
        for (BackendRun run : report.backends()) {
            if (run.results().isEmpty()) continue;
            Matrix m = Matrix.of(run);
            List<Matrix.Row> rows = m.rows().stream().filter(MarkdownReport::hasProblem).toList();
            if (rows.isEmpty()) {
                b.append("\n").append(run.name()).append(": none of its ").append(m.rows().size()).append(" ops has a problem.\n");
                continue;
            }
            b.append("\n<details><summary>").append(run.name()).append(": ").append(rows.size()).append(" of ").append(m.rows().size())
                    .append(" ops</summary>\n\n| op |");
            for (String h : m.headings()) b.append(' ').append(cell(h)).append(" |");
            b.append("\n|---|").append("---|".repeat(m.families().size())).append('\n');
            for (Matrix.Row row : rows) {
                b.append("| ").append(cell(row.op())).append(" |");
                for (String f : m.families()) {
                    List<Matrix.Entry> cell = row.cell(f);
                    // A cell whose dtypes all agree is one icon; only a mixed one spells out its dtypes.
                    boolean uniform = cell.stream().map(e -> e.result().status()).distinct().count() <= 1;
                    List<String> parts = new ArrayList<>();
                    for (Matrix.Entry e : cell) parts.add(icon(e.result().status()) + e.dtype());
                    b.append(' ').append(uniform && !cell.isEmpty() ? icon(cell.get(0).result().status()) : String.join(" ", parts)).append(" |");
                }
                b.append('\n');
            }
            b.append("\n</details>\n");
        }
    }

    private static boolean hasProblem(Matrix.Row row) {
        return row.cells().values().stream().flatMap(List::stream)
                .anyMatch(e -> e.result().status() == Status.FAIL || e.result().status() == Status.UNSUPPORTED);
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case UNSUPPORTED -> "🚫";
            case NOT_APPLICABLE -> "➖";
        };
    }

    private static String icon(String verdict) {
        return switch (verdict) {
            case "PASS" -> "✅";
            case "FAIL" -> "❌";
            default -> "⚪";
        };
    }

    /** Inline code that survives backticks in the text. */
    static String code(String s) {
        String t = oneLine(s);
        return t.contains("`") ? "``" + t + "``" : "`" + t + "`";
    }

    /** Text safe inside a table cell. */
    private static String cell(String s) { return oneLine(s).replace("|", "\\|"); }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 400 ? t.substring(0, 400) + "…" : t;
    }
}
