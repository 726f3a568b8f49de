package dev.triad.conformance.report;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite's outcome on one backend: where the backend came from, whether it could run here
 * and why not, its devices, and every check's result in plan order.
 *
 * @param name the backend's name
 * @param origin where it was found: {@code class path}, or the JAR it was loaded from
 * @param requested true when the user named it (then being unavailable is a failure, not a note)
 * @param available whether its probe said it can run here
 * @param availability the probe's words: what it runs on, or why it cannot run
 * @param devices one line per device
 * @param results every check's result
 * @param millis how long the backend's checks took
 */
public record BackendRun(String name, String origin, boolean requested, boolean available, String availability, List<String> devices,
                         List<CheckResult> results, long millis) {
    /** Copies the lists. */
    public BackendRun {
        devices = List.copyOf(devices);
        results = List.copyOf(results);
    }

    /** How many results have each status (every status present, zero when none). */
    public Map<Status, Integer> counts() {
        Map<Status, Integer> m = new EnumMap<>(Status.class);
        for (Status s : Status.values()) m.put(s, 0);
        for (CheckResult r : results) m.merge(r.status(), 1, Integer::sum);
        return m;
    }

    /** The results with status {@code s}, in plan order. */
    public List<CheckResult> with(Status s) { return results.stream().filter(r -> r.status() == s).toList(); }

    /** The distinct ops (and topics) the results are about, in plan order. */
    public Set<String> ops() {
        Set<String> out = new LinkedHashSet<>();
        for (CheckResult r : results) out.add(r.op());
        return out;
    }

    /** True when a check failed, or the backend was asked for by name and cannot run. */
    public boolean failed() { return (requested && !available) || results.stream().anyMatch(r -> r.status() == Status.FAIL); }

    /** One word for summaries: {@code PASS}, {@code FAIL} or {@code UNAVAILABLE}. */
    public String verdict() {
        if (failed()) return "FAIL";
        return available ? "PASS" : "UNAVAILABLE";
    }
}
