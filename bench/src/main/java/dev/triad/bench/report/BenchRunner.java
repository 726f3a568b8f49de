package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.Jvm;
import dev.triad.bench.check.CheckLog;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the benchmarks and writes the report. JMH runs programmatically, one run per catalogued
 * class (so each class gets its own parameter subset and iteration style), in forked JVMs that
 * inherit this JVM's class path; forks record their checks in {@code checks.tsv} and JMH's own
 * output goes to {@code jmh-logs/}. The machine limits and the memory probe run in this JVM.
 */
public final class BenchRunner {
    private final BenchOptions o;
    private final PrintStream out;

    /** A runner reporting progress to {@code out}. */
    public BenchRunner(BenchOptions options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** The iteration settings of a profile, in words. */
    static String describe(Catalog.Profile p) {
        Settings s = Settings.of(p, false), ss = Settings.of(p, true);
        return String.format(Locale.ROOT, "%d fork(s), %d warm-up and %d measured iterations of %s; single-shot benchmarks %d warm-up and %d measured calls",
                s.forks, s.warmups, s.measurements, Fmt.time(s.iterationMillis / 1e3), ss.warmups, ss.measurements);
    }

    /** Iteration settings. */
    private record Settings(int forks, int warmups, int measurements, int iterationMillis) {
        static Settings of(Catalog.Profile p, boolean singleShot) {
            return switch (p) {
                case QUICK -> singleShot ? new Settings(1, 2, 3, 0) : new Settings(1, 2, 3, 500);
                case FULL -> singleShot ? new Settings(2, 5, 10, 0) : new Settings(2, 5, 10, 1000);
                case SMOKE -> singleShot ? new Settings(1, 0, 1, 0) : new Settings(1, 0, 1, 100);
            };
        }
    }

    /** Runs everything and writes the report; returns the report directory. */
    public Path run() throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        double loadBefore = MachineInfo.loadAverage();
        Path dir = o.out().toAbsolutePath();
        Files.createDirectories(dir.resolve("jmh-logs"));
        Path checks = dir.resolve("checks.tsv");
        Files.deleteIfExists(checks);
        out.println("triad bench: " + o.profile().name().toLowerCase(Locale.ROOT) + " profile, report in " + dir);
        MachineInfo machine = MachineInfo.collect();
        List<String> backends = backendsToRun(machine);
        out.println("triad bench: " + machine.cpuModel() + ", " + machine.logicalCpus() + " CPUs, " + machine.simdBits() + "-bit SIMD; backends " + backends
                + "; load average " + Fmt.sig(loadBefore));
        Peaks peaks = Peaks.measure(out);

        List<Measurement> measurements = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        List<Catalog.Entry> entries = Catalog.all().stream().filter(e -> o.includes(e.name())).toList();
        for (int k = 0; k < entries.size(); k++) {
            out.printf(Locale.ROOT, "triad bench: [%d/%d] ", k + 1, entries.size());
            runClass(entries.get(k), backends, checks, dir, measurements, skips);
        }

        List<MemoryRow> memory = o.memory() && o.includes("TrainStepBench") ? MemoryRuns.all(o.profile(), backends, out) : List.of();
        double loadAfter = MachineInfo.loadAverage();
        BenchReport report = new BenchReport(started, (System.nanoTime() - t0) / 1e9, o.profile(), o.baselineBackend(), o.baselineFrontend(), loadBefore,
                loadAfter, machine, peaks, measurements, memory, skips);
        write(report, dir);
        return dir;
    }

    /** The available backends that {@code --backends} selects, saying what it skips and why. */
    private List<String> backendsToRun(MachineInfo machine) {
        List<String> backends = new ArrayList<>();
        for (MachineInfo.BackendInfo b : machine.backends()) {
            if (!b.available()) {
                out.println("triad bench: backend " + b.name() + " is not available here, skipping it: " + b.reason());
            } else if (o.backends().isEmpty() || o.backends().contains(b.name())) {
                backends.add(b.name());
            }
        }
        for (String wanted : o.backends()) {
            if (!backends.contains(wanted)) out.println("triad bench: --backends names '" + wanted + "', which is not available here");
        }
        if (backends.isEmpty()) throw new IllegalArgumentException("no backend to benchmark: none of " + o.backends() + " is available here");
        if (!backends.contains(o.baselineBackend())) {
            out.println("triad bench: the baseline backend '" + o.baselineBackend() + "' does not run here, so the 'vs baseline' column stays empty");
        }
        return backends;
    }

    /** One JMH run of class {@code e} on {@code backends}; adds its measurements and what produced none. */
    private void runClass(Catalog.Entry e, List<String> backends, Path checks, Path dir, List<Measurement> measurements, List<Skip> skips) throws IOException {
        List<String> runOn = new ArrayList<>(backends);
        if (!e.onlyBackends().isEmpty()) runOn.retainAll(e.onlyBackends());
        if (runOn.isEmpty()) {
            skips.add(new Skip(e.name(), "backend=" + String.join(",", e.onlyBackends()), "applies only to " + e.onlyBackends() + ", not available here"));
            out.printf(Locale.ROOT, "%s: skipped (needs %s)%n", e.name(), e.onlyBackends());
            return;
        }
        // A class without a backend parameter picks its own backend and runs once.
        if (!e.perBackend()) runOn = List.of("");
        out.printf(Locale.ROOT, "%s%s ...%n", e.name(), e.perBackend() ? " on " + runOn : "");
        long c0 = System.nanoTime();
        Collection<RunResult> results;
        try {
            results = new Runner(options(e, runOn, checks, dir.resolve("jmh-logs").resolve(e.name() + ".log"))).run();
        } catch (RunnerException ex) {
            skips.add(new Skip(e.name(), "", "JMH failed: " + ex.getMessage() + " (see jmh-logs/" + e.name() + ".log)"));
            return;
        }
        Map<String, String> checkDetails = checkDetails(checks);
        List<Measurement> mine = new ArrayList<>();
        for (RunResult rr : results) mine.add(measurement(e, rr, checkDetails));
        mine.sort(RowOrder.of(e, o.profile(), runOn));
        measurements.addAll(mine);
        for (Measurement m : mine) {
            out.printf(Locale.ROOT, "    %-48s %-7s %10s ±%-9s %s%n", m.label() + (m.frontend() == null ? "" : " [" + m.frontend() + "]"), m.backend(),
                    Fmt.time(m.median()), Fmt.time(m.spread()), Rows.throughput(m));
        }
        skips.addAll(Missing.of(e, o.profile(), runOn, results, checks, dir.resolve("jmh-logs").resolve(e.name() + ".log")));
        out.printf(Locale.ROOT, "    (%d result(s) in %.0f s)%n", results.size(), (System.nanoTime() - c0) / 1e9);
    }

    private org.openjdk.jmh.runner.options.Options options(Catalog.Entry e, List<String> runOn, Path checks, Path log) {
        Settings s = Settings.of(o.profile(), e.singleShot());
        List<String> jvm = new ArrayList<>(List.of(Jvm.flags()));
        jvm.add("-D" + CheckLog.PROPERTY + "=" + checks);
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(e.type().getName()) + "\\.")
                .forks(s.forks)
                .warmupIterations(s.warmups)
                .measurementIterations(s.measurements)
                .jvmArgsAppend(jvm.toArray(new String[0]))
                .shouldFailOnError(false)
                .verbosity(VerboseMode.NORMAL)
                .output(log.toString());
        if (e.perBackend()) b.param("backend", runOn.toArray(new String[0]));
        if (e.heapProfiled()) b.addProfiler(GCProfiler.class);
        if (!e.singleShot()) {
            b.warmupTime(TimeValue.milliseconds(s.iterationMillis)).measurementTime(TimeValue.milliseconds(s.iterationMillis));
        }
        for (Map.Entry<String, List<String>> p : e.params(o.profile()).entrySet()) b.param(p.getKey(), p.getValue().toArray(new String[0]));
        return b.build();
    }

    /** Passed checks by {@code benchmark|params}. */
    private static Map<String, String> checkDetails(Path checks) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (CheckLog.Entry c : CheckLog.read(checks)) if (c.status() == CheckLog.Status.OK) m.put(c.benchmark() + "|" + c.params(), c.detail());
        return m;
    }

    static Measurement measurement(Catalog.Entry e, RunResult rr, Map<String, String> checks) {
        BenchmarkParams p = rr.getParams();
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : p.getParamsKeys()) params.put(key, p.getParam(key));
        double toSeconds = p.getTimeUnit().toNanos(1) / 1e9;
        List<Double> samples = new ArrayList<>();
        for (BenchmarkResult br : rr.getBenchmarkResults()) {
            for (IterationResult ir : br.getIterationResults()) samples.add(ir.getPrimaryResult().getScore() * toSeconds);
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
        double err = rr.getPrimaryResult().getScoreError() * toSeconds;
        String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
        double heap = Double.NaN;
        for (String key : rr.getSecondaryResults().keySet()) {
            // GCProfiler's normalised allocation rate: bytes per benchmark operation.
            if (key.endsWith("gc.alloc.rate.norm")) heap = rr.getSecondaryResults().get(key).getScore();
        }
        return new Measurement(e.name(), method, e.group(), params, e.singleShot(), s, Double.isFinite(err) ? err : Double.NaN, e.work().apply(params),
                checks.get(e.name() + "|" + CheckLog.key(params)), heap);
    }


    /** Writes report.html, report.md, report.json and charts/*.svg into {@code dir}. */
    static void write(BenchReport r, Path dir) throws IOException {
        List<Charts.Chart> charts = Charts.of(r);
        Files.createDirectories(dir.resolve("charts"));
        for (Charts.Chart c : charts) Files.writeString(dir.resolve("charts").resolve(c.id() + ".svg"), c.svg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(r, charts), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), MarkdownReport.render(r, charts), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.json"), JsonReport.render(r), StandardCharsets.UTF_8);
    }
}
