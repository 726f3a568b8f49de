package dev.triad.conformance.report;

import dev.triad.conformance.check.CheckResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the report writers print: when and how the suite ran, on what, with which
 * filters and front-end check sets, and each backend's results.
 *
 * @param started when the run began
 * @param millis how long it took
 * @param command the command line that produced it (for the record)
 * @param rerunTemplate the command that reruns one check, with {@code {backend}} and
 *        {@code {filter}} where the backend's name and the check's filter go, e.g.
 *        {@code ./triad conformance --backend {backend} --filter {filter}}
 * @param environment Java, OS and machine facts, in print order
 * @param filters the selection's patterns (empty for everything)
 * @param frontends the front-end check sets that ran
 * @param backends one run per backend, in the order they ran
 */
public record ConformanceReport(Instant started, long millis, String command, String rerunTemplate, Map<String, String> environment,
                                List<String> filters, List<String> frontends, List<BackendRun> backends) {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    /** Copies the collections. */
    public ConformanceReport {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        filters = List.copyOf(filters);
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
    }

    /** True when no backend failed (declared-unsupported cases and unavailable backends nobody asked for do not fail). */
    public boolean passed() { return backends.stream().noneMatch(BackendRun::failed); }

    /** The number of failed checks over all backends. */
    public long failures() { return backends.stream().mapToLong(b -> b.with(dev.triad.conformance.check.Status.FAIL).size()).sum(); }

    /** The command that reruns just {@code r} on {@code b}. */
    public String rerun(BackendRun b, CheckResult r) {
        return rerunTemplate.replace("{backend}", shellQuote(b.name())).replace("{filter}", shellQuote(r.filter()));
    }

    /** {@code s} quoted for a POSIX shell when it needs to be. */
    public static String shellQuote(String s) {
        if (SHELL_SAFE.matcher(s).matches()) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
