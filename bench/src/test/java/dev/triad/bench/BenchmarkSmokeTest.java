package dev.triad.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.bench.check.CheckLog;
import dev.triad.spi.backend.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The CI smoke pass: every benchmark method of every class in the {@link Catalog} runs once
 * under JMH (in this JVM, no warm-up, one short iteration) on every available backend, with the
 * smoke profile's small sizes. Each trial's setup checks its output against the reference, and
 * JMH is told to fail on any error, so a broken or wrong benchmark fails the build.
 */
class BenchmarkSmokeTest {
    private static Path checkLog;

    @BeforeAll
    static void routeCheckLog() throws IOException {
        checkLog = Files.createTempFile("triad-bench-checks", ".tsv");
        System.setProperty(CheckLog.PROPERTY, checkLog.toString());
    }

    @AfterAll
    static void restore() throws IOException {
        System.clearProperty(CheckLog.PROPERTY);
        Files.deleteIfExists(checkLog);
    }

    static List<String> availableBackends() {
        List<String> names = new ArrayList<>();
        for (Backends.Probed p : Backends.probeAll()) {
            if (p.availability().available()) names.add(p.provider().name());
            else System.err.println("smoke: backend " + p.provider().name() + " is not available here: " + p.availability().reason());
        }
        return names;
    }

    /** True when a trial of {@code bench} on {@code backend} recorded a skip (backend or primitive unavailable here). */
    static boolean skipped(List<CheckLog.Entry> checks, String bench, String backend) {
        for (CheckLog.Entry c : checks) {
            if (c.status() == CheckLog.Status.SKIP && c.benchmark().startsWith(bench) && c.params().contains("backend=" + backend)) return true;
        }
        return false;
    }

    static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Test
    void theCatalogueMatchesWhatJmhGenerated() {
        List<Class<?>> generated = Catalog.generated();
        assertFalse(generated.isEmpty(), "META-INF/BenchmarkList is missing or empty: the JMH annotation processor did not run");
        for (Catalog.Entry e : Catalog.catalogued()) {
            assertTrue(generated.contains(e.type()), e.name() + " is catalogued but JMH generated no benchmark for it");
        }
        for (Class<?> c : generated) {
            assertTrue(Catalog.all().stream().anyMatch(e -> e.type() == c), c + " is generated but would not run");
            if (Catalog.catalogued().stream().noneMatch(e -> e.type() == c)) {
                System.err.println("smoke: " + c.getSimpleName() + " has no Catalog entry: it runs and is reported under 'Other benchmarks'");
            }
        }
    }

    @Test
    void everyBenchmarkRunsOnceWithItsResultChecked() throws RunnerException, IOException {
        List<String> backends = availableBackends();
        assertFalse(backends.isEmpty(), "no backend is available");
        List<String> problems = new ArrayList<>();
        // -Dtriad.bench.smoke.only=ClassName narrows the pass while working on one benchmark.
        String only = System.getProperty("triad.bench.smoke.only", "");
        for (Catalog.Entry e : Catalog.all()) {
            if (!only.isBlank() && !e.name().equals(only)) continue;
            List<String> runOn = new ArrayList<>(backends);
            if (!e.onlyBackends().isEmpty()) runOn.retainAll(e.onlyBackends());
            if (!e.perBackend()) runOn = List.of(""); // picks its own backend; runs once
            if (runOn.isEmpty()) {
                System.err.println("smoke: " + e.name() + " needs " + e.onlyBackends() + ", none available here");
                continue;
            }
            Path jmhLog = Files.createTempFile("triad-smoke-" + e.name(), ".log");
            ChainedOptionsBuilder o = new OptionsBuilder()
                    .include(Pattern.quote(e.type().getName()) + "\\.")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50))
                    // Errors are collected below: a trial that skips (a backend declares a primitive
                    // unsupported) is allowed, any other missing result fails the test.
                    .shouldFailOnError(false)
                    .verbosity(VerboseMode.NORMAL)
                    .output(jmhLog.toString());
            if (e.perBackend()) o.param("backend", runOn.toArray(new String[0]));
            for (Map.Entry<String, List<String>> p : e.smoke().entrySet()) o.param(p.getKey(), p.getValue().toArray(new String[0]));
            long t0 = System.nanoTime();
            Collection<RunResult> results = new Runner(o.build()).run();
            System.err.printf("smoke: %s: %d result(s) in %.1f s%n", e.name(), results.size(), (System.nanoTime() - t0) / 1e9);
            Set<String> ran = new TreeSet<>();
            for (RunResult r : results) {
                String bench = r.getParams().getBenchmark();
                String backend = r.getParams().getParam("backend");
                ran.add(bench.substring(bench.lastIndexOf('.') + 1) + "@" + (backend == null ? "" : backend));
                double score = r.getPrimaryResult().getScore();
                if (!(score > 0) || Double.isInfinite(score)) problems.add(bench + " " + r.getParams() + ": score " + score);
            }
            List<CheckLog.Entry> checks = CheckLog.read(checkLog);
            for (Method m : e.type().getMethods()) {
                if (!m.isAnnotationPresent(Benchmark.class)) continue;
                for (String b : runOn) {
                    if (ran.contains(m.getName() + "@" + b)) continue;
                    if (!b.isEmpty() && skipped(checks, e.name(), b)) {
                        System.err.println("smoke: " + e.name() + "." + m.getName() + " skipped on " + b + " (see the check log)");
                        continue;
                    }
                    problems.add(e.name() + "." + m.getName() + " on " + b + " produced no result; JMH said:\n" + tail(jmhLog, 40));
                }
            }
            if (only.isBlank()) Files.deleteIfExists(jmhLog);
            else System.err.println("smoke: JMH log kept in " + jmhLog);
        }
        for (CheckLog.Entry c : CheckLog.read(checkLog)) {
            if (c.status() == CheckLog.Status.FAIL) problems.add("check failed: " + c.benchmark() + " [" + c.params() + "]: " + c.detail());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
