package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.check.CheckLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JMH run of one class should have produced and did not, with the reason: a skip or a
 * failed check the trial recorded, else what JMH's log says about that trial (a crashed fork,
 * an exception). Every expected combination is accounted for, so a configuration that dies
 * without a word (a native crash in a fork) still shows up in the report.
 */
final class Missing {
    private Missing() {}

    /** The skips of class {@code e}'s run. */
    static List<Skip> of(Catalog.Entry e, Catalog.Profile profile, List<String> runOn, Collection<RunResult> results, Path checks, Path jmhLog)
            throws IOException {
        List<Skip> out = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (CheckLog.Entry c : CheckLog.read(checks)) {
            if (!c.benchmark().equals(e.name()) || c.status() == CheckLog.Status.OK || !explained.add(c.params())) continue;
            out.add(new Skip(e.name(), c.params(), (c.status() == CheckLog.Status.FAIL ? "CHECK FAILED: " : "skipped: ") + c.detail()));
        }
        Set<String> ran = new HashSet<>();
        for (RunResult r : results) {
            Map<String, String> p = new LinkedHashMap<>();
            for (String k : r.getParams().getParamsKeys()) p.put(k, r.getParams().getParam(k));
            String bench = r.getParams().getBenchmark();
            ran.add(bench.substring(bench.lastIndexOf('.') + 1) + "|" + CheckLog.key(p));
        }
        String log = Files.exists(jmhLog) ? Files.readString(jmhLog, StandardCharsets.UTF_8) : "";
        for (Method m : e.type().getMethods()) {
            if (!m.isAnnotationPresent(Benchmark.class)) continue;
            for (Map<String, String> p : expected(e, profile, runOn)) {
                String key = CheckLog.key(p);
                if (ran.contains(m.getName() + "|" + key) || explained.contains(key)) continue;
                out.add(new Skip(e.name() + "." + m.getName(), key, reason(log, e.type().getName() + "." + m.getName(), p)
                        + " (see jmh-logs/" + jmhLog.getFileName() + ")"));
            }
        }
        return out;
    }

    /** Every parameter combination the run asked for: the profile's values, else the annotation's. */
    static List<Map<String, String>> expected(Catalog.Entry e, Catalog.Profile profile, List<String> runOn) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Field f : e.type().getFields()) {
            Param a = f.getAnnotation(Param.class);
            if (a == null) continue;
            List<String> values = f.getName().equals("backend") ? runOn : e.params(profile).getOrDefault(f.getName(), List.of(a.value()));
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : values) {
                    Map<String, String> n = new LinkedHashMap<>(c);
                    n.put(f.getName(), v);
                    next.add(n);
                }
            }
            combos = next;
        }
        return combos;
    }

    private static final Pattern PARAMS = Pattern.compile("# Parameters: \\((.*)\\)");
    private static final Pattern EXIT = Pattern.compile("<forked VM failed with exit code (\\d+)>");

    /** What the JMH log says about the trial of {@code benchmark} with {@code params}. */
    static String reason(String log, String benchmark, Map<String, String> params) {
        String[] sections = log.split("# Benchmark: ");
        for (String sec : sections) {
            if (!sec.startsWith(benchmark + "\n") && !sec.startsWith(benchmark + "\r")) continue;
            Matcher pm = PARAMS.matcher(sec);
            Map<String, String> p = new LinkedHashMap<>();
            if (pm.find()) {
                for (String kv : pm.group(1).split(", ")) {
                    int eq = kv.indexOf(" = ");
                    if (eq > 0) p.put(kv.substring(0, eq), kv.substring(eq + 3));
                }
            }
            if (!CheckLog.key(p).equals(CheckLog.key(params))) continue;
            Matcher x = EXIT.matcher(sec);
            if (x.find()) {
                int code = Integer.parseInt(x.group(1));
                return "no result: the forked JVM died with exit code " + code + (code > 128 ? " (signal " + (code - 128) + (code == 139
                        ? ", a segmentation fault in native code)" : code == 134 ? ", an abort in native code)" : ")") : "");
            }
            int failure = sec.indexOf("<failure>");
            if (failure >= 0) {
                for (String line : sec.substring(failure + "<failure>".length()).split("\n")) {
                    if (!line.isBlank()) return "no result: " + line.trim();
                }
            }
            return "no result: JMH reported no score for this trial";
        }
        return "no result: JMH did not run this trial";
    }
}
