package dev.triad.conformance.report;

import dev.triad.conformance.check.CaseDetail;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report for machines. Schema {@code triad-conformance/1}: run facts at the top level,
 * then {@code backends[]}, each with its availability, a {@code summary} of counts and
 * {@code results[]} (op, check, status, cases, maxError, tolerance, problems, details, filter,
 * rerun). Status names are those of {@link Status}; non-finite numbers are strings.
 */
public final class JsonReport {
    private JsonReport() {}

    /** The schema name written into every report. */
    public static final String SCHEMA = "triad-conformance/1";

    /** The report as JSON text. */
    public static String render(ConformanceReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("started", report.started().toString());
        root.put("durationMs", report.millis());
        root.put("command", report.command());
        root.put("verdict", report.passed() ? "PASS" : "FAIL");
        root.put("failures", report.failures());
        root.put("filters", report.filters());
        root.put("frontends", report.frontends());
        root.put("environment", report.environment());
        List<Object> backends = new ArrayList<>();
        for (BackendRun b : report.backends()) backends.add(backend(report, b));
        root.put("backends", backends);
        return Json.write(root);
    }

    private static Map<String, Object> backend(ConformanceReport report, BackendRun b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("origin", b.origin());
        m.put("requested", b.requested());
        m.put("available", b.available());
        m.put("availability", b.availability());
        m.put("verdict", b.verdict());
        m.put("devices", b.devices());
        m.put("durationMs", b.millis());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checks", b.results().size());
        for (Map.Entry<Status, Integer> e : b.counts().entrySet()) summary.put(key(e.getKey()), e.getValue());
        summary.put("ops", b.ops().size());
        m.put("summary", summary);
        List<Object> results = new ArrayList<>();
        for (CheckResult r : b.results()) results.add(result(report, b, r));
        m.put("results", results);
        return m;
    }

    private static Map<String, Object> result(ConformanceReport report, BackendRun b, CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", r.op());
        m.put("check", r.check());
        m.put("family", Matrix.family(r.check()));
        m.put("dtype", Matrix.dtype(r.check()));
        m.put("status", r.status());
        m.put("cases", r.cases());
        m.put("maxError", r.maxError());
        m.put("tolerance", r.tolerance());
        m.put("problems", r.problems());
        List<Object> details = new ArrayList<>();
        for (CaseDetail d : r.details()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("case", d.caseName());
            dm.put("inputs", d.inputs());
            dm.put("expected", d.expected());
            dm.put("actual", d.actual());
            dm.put("message", d.message());
            details.add(dm);
        }
        m.put("details", details);
        m.put("filter", r.filter());
        m.put("rerun", report.rerun(b, r));
        return m;
    }

    /** {@code notApplicable} for {@code NOT_APPLICABLE}: summary keys in camel case. */
    static String key(Status s) {
        String[] words = s.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        return b.toString();
    }
}
