package dev.triad.conformance;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects check results of a JUnit run and writes a plain-text summary to {@code target/conformance-report.txt}. */
final class ReportCollector {
    private final List<CheckResult> results = new ArrayList<>();

    synchronized void add(CheckResult r) { results.add(r); }

    synchronized void write() {
        Map<String, Map<Status, Integer>> counts = new LinkedHashMap<>();
        Map<String, Set<String>> declaredNone = new LinkedHashMap<>();
        Map<String, Set<String>> opsSeen = new LinkedHashMap<>();
        StringBuilder details = new StringBuilder();
        for (CheckResult r : results) {
            counts.computeIfAbsent(r.target(), k -> new EnumMap<>(Status.class)).merge(r.status(), 1, Integer::sum);
            opsSeen.computeIfAbsent(r.target(), k -> new LinkedHashSet<>()).add(r.op());
            if (r.status() == Status.NOT_APPLICABLE && r.check().startsWith("declared")) {
                declaredNone.computeIfAbsent(r.target(), k -> new LinkedHashSet<>()).add(r.op());
            }
            if (r.status() == Status.FAIL || r.status() == Status.UNSUPPORTED) details.append(r.summary()).append("\n\n");
        }
        StringBuilder b = new StringBuilder("Triad conformance report\n\n");
        for (Map.Entry<String, Map<Status, Integer>> e : counts.entrySet()) {
            b.append(e.getKey()).append(": ").append(opsSeen.get(e.getKey()).size()).append(" ops; checks ").append(e.getValue()).append('\n');
            Set<String> none = declaredNone.get(e.getKey());
            if (none != null) b.append("  declared non-differentiable (not counted as gradient passes): ").append(none).append('\n');
        }
        b.append('\n').append(details);
        b.append("\nAll checks:\n");
        for (CheckResult r : results) {
            b.append(String.format("%s / %s / %s: %s, %d case(s)", r.target(), r.op(), r.check(), r.status(), r.cases()));
            if (r.maxError() > 0 || r.tolerance() > 0) b.append(String.format(", max error %.3g vs tolerance %.3g", r.maxError(), r.tolerance()));
            b.append('\n');
        }
        try {
            Path out = Path.of("target", "conformance-report.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, b.toString());
        } catch (IOException e) {
            System.err.println("could not write the conformance report: " + e);
        }
        String head = b.substring(0, b.indexOf("\nAll checks:"));
        System.out.println(head.length() > 4000 ? head.substring(0, 4000) + "\n... (see target/conformance-report.txt)" : head);
    }
}
