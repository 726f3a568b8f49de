package dev.triad.bench.report;

import dev.triad.bench.Catalog;

import java.util.List;
import java.util.Locale;

/** The report as Markdown: the same tables as the HTML page, charts linked as SVG files. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(BenchReport r, List<Charts.Chart> charts) {
        StringBuilder m = new StringBuilder();
        m.append("# Triad benchmark report\n\n");
        m.append(r.profile().name().toLowerCase(Locale.ROOT)).append(" profile · ").append(HtmlReport.WHEN.format(r.started())).append(" · ran ")
                .append(Fmt.sig(r.seconds() / 60)).append(" min · ratios against the ").append(r.baselineName()).append("\n\n");
        m.append("- Machine: ").append(r.machine().cpuModel()).append(", ").append(r.machine().logicalCpus()).append(" CPUs, ")
                .append(r.machine().simdBits()).append("-bit SIMD, ").append(r.machine().jdk()).append('\n');
        m.append("- FP32 limit: ").append(Fmt.perSecond(r.computeLimit().value(), "FLOP")).append(" — ").append(r.computeLimit().source()).append('\n');
        m.append("- Memory bandwidth limit: ").append(Fmt.perSecond(r.memoryLimit().value(), "B")).append(" — ").append(r.memoryLimit().source()).append('\n');
        m.append("- Load average: ").append(Fmt.sig(r.loadBefore())).append(" at the start, ").append(Fmt.sig(r.loadAfter())).append(" at the end")
                .append(Math.max(r.loadBefore(), r.loadAfter()) > 0.5 * r.machine().logicalCpus() ? " — a shared, busy machine: numbers are noisy" : "").append('\n');
        for (MachineInfo.BackendInfo b : r.machine().backends()) {
            m.append("- Backend `").append(b.name()).append("` ").append(b.version()).append(": ").append(b.available() ? "" : "unavailable: ").append(b.reason()).append('\n');
        }
        for (MachineInfo.FrontendInfo f : r.machine().frontends()) {
            m.append("- Front-end `").append(f.name()).append("`: ").append(f.benchmarked() ? "benchmarked — " : "not benchmarked — ").append(f.note()).append('\n');
        }
        for (Catalog.Group g : Catalog.Group.values()) {
            m.append("\n## ").append(g.title()).append("\n\n").append(g.description()).append("\n\n");
            for (Charts.Chart c : charts) if (c.group() == g) m.append("![").append(c.id()).append("](charts/").append(c.id()).append(".svg)\n\n");
            if (g == Catalog.Group.MEMORY) {
                if (r.memory().isEmpty()) m.append("Not measured in this run.\n");
                else table(m, Rows.memoryHeadings(), r.memory().stream().map(x -> Rows.memoryCells(r, x)).toList());
                continue;
            }
            List<Measurement> rows = r.group(g);
            if (rows.isEmpty()) m.append("Nothing in this group ran.\n");
            else table(m, Rows.headings(g), rows.stream().map(x -> Rows.cells(r, x)).toList());
        }
        m.append("\n## Not measured\n\n");
        if (r.skips().isEmpty()) m.append("Every configuration of this profile ran on every available backend.\n");
        else table(m, List.of("benchmark", "parameters", "reason"), r.skips().stream().map(s -> List.of(s.benchmark(), s.params(), s.reason())).toList());
        m.append("\n## Method\n\n");
        for (String line : Method.lines(r)) m.append("- ").append(line).append('\n');
        return m.toString();
    }

    private static void table(StringBuilder m, List<String> heads, List<List<String>> rows) {
        m.append('|');
        for (String h : heads) m.append(' ').append(cell(h)).append(" |");
        m.append("\n|");
        for (int i = 0; i < heads.size(); i++) m.append("---|");
        m.append('\n');
        for (List<String> row : rows) {
            m.append('|');
            for (String c : row) m.append(' ').append(cell(c)).append(" |");
            m.append('\n');
        }
    }

    private static String cell(String s) { return s.replace("|", "\\|").replace("\n", " "); }
}
