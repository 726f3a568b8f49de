package dev.triad.cli;

import dev.triad.cli.conformance.CheckProgress;
import dev.triad.cli.conformance.ConformanceOptions;
import dev.triad.cli.conformance.JarBackends;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.report.BackendRun;
import dev.triad.conformance.report.ConformanceReport;
import dev.triad.conformance.report.Reports;
import dev.triad.conformance.run.FrontendChecks;
import dev.triad.conformance.run.Frontends;
import dev.triad.conformance.run.Selection;
import dev.triad.conformance.run.SuiteRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code triad conformance}: the conformance suite on every backend found (on the class path
 * or in {@code --jar} JARs), with a progress bar, a summary on stdout and the HTML, Markdown
 * and JSON reports. Exits 1 when any check fails that the backend did not declare unsupported,
 * or when a backend asked for by name is missing or cannot run.
 */
final class ConformanceCommand implements Command {
    /** Failures listed on stdout; the reports have all of them. */
    private static final int LISTED = 20;

    private final boolean interactive;

    ConformanceCommand() { this(CheckProgress.interactive()); }

    /** With {@code interactive} false the progress is plain lines (tests, pipes, CI). */
    ConformanceCommand(boolean interactive) { this.interactive = interactive; }

    @Override
    public String summary() { return "run the conformance suite on every backend found and write HTML, Markdown and JSON reports (--help)"; }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        ConformanceOptions o;
        Selection selection;
        List<FrontendChecks> frontends;
        try {
            o = ConformanceOptions.parse(args);
            selection = Selection.of(o.filters());
            frontends = Frontends.select(o.frontends());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (see triad conformance --help)");
        }
        if (o.help()) {
            out.print(ConformanceOptions.usage());
            return 0;
        }
        Instant started = Instant.now();
        List<BackendRun> runs = new ArrayList<>();
        JarBackends jars;
        try {
            jars = JarBackends.open(o.jars());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (jars) {
            List<String> missing = new ArrayList<>();
            List<SuiteRunner.Candidate> candidates = jars.candidates(o.backends(), missing, err);
            SuiteRunner runner = new SuiteRunner(selection, frontends, new CheckProgress(err, interactive, System::nanoTime));
            // Backends from JARs may look up their own services (and front-end check sets) through the context loader.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(jars.loader());
            try {
                for (SuiteRunner.Candidate c : candidates) runs.add(runner.run(c));
            } finally {
                thread.setContextClassLoader(previous);
            }
            for (String name : missing) {
                runs.add(new BackendRun(name, "not found", true, false, "no backend named '" + name + "' on the class path or in the JARs given; found "
                        + jars.names(), List.of(), List.of(), 0));
            }
        }
        ConformanceReport report = new ConformanceReport(started, Duration.between(started, Instant.now()).toMillis(), commandLine(args),
                rerunTemplate(o), Reports.environment(), selection.patterns(), Frontends.names(frontends), runs);
        List<Path> files;
        try {
            files = Reports.write(report, o.out());
        } catch (IOException e) {
            err.println("triad conformance: could not write the reports to " + o.out() + ": " + e);
            return 1;
        }
        printSummary(out, report, files);
        return report.passed() && !runs.isEmpty() ? 0 : 1;
    }

    private static void printSummary(PrintStream out, ConformanceReport report, List<Path> files) {
        out.println();
        if (report.backends().isEmpty()) out.println("No backend found on the class path (add backend JARs with --jar).");
        for (BackendRun b : report.backends()) {
            if (!b.available()) {
                out.printf("%-10s %s: %s%n", b.name(), b.requested() ? "FAIL (cannot run)" : "unavailable", b.availability());
                continue;
            }
            Map<Status, Integer> c = b.counts();
            out.printf("%-10s %-5s %d checks on %d ops: %d pass, %d fail, %d declared unsupported, %d n/a (%.1f s)%n", b.name(), b.verdict(),
                    b.results().size(), b.ops().size(), c.get(Status.PASS), c.get(Status.FAIL), c.get(Status.UNSUPPORTED),
                    c.get(Status.NOT_APPLICABLE), b.millis() / 1000.0);
        }
        int listed = 0;
        for (BackendRun b : report.backends()) {
            for (CheckResult r : b.with(Status.FAIL)) {
                if (listed++ == 0) out.println("\nFailures (each with the command that reruns just it):");
                if (listed > LISTED) continue;
                out.println("  " + b.name() + " " + r.op() + " / " + r.check() + (r.problems().isEmpty() ? "" : ": " + clip(r.problems().get(0))));
                out.println("    " + report.rerun(b, r));
            }
        }
        if (listed > LISTED) out.println("  ... " + (listed - LISTED) + " more in the reports");
        out.println();
        out.println((report.passed() && !report.backends().isEmpty() ? "PASS" : "FAIL") + ". Reports: " + files.get(0) + " (also "
                + files.get(1).getFileName() + ", " + files.get(2).getFileName() + ")");
    }

    /** The command that reruns one check: the same JARs, that backend, that check. */
    static String rerunTemplate(ConformanceOptions o) {
        StringBuilder b = new StringBuilder("./triad conformance");
        for (Path jar : o.jars()) b.append(" --jar ").append(ConformanceReport.shellQuote(jar.toString()));
        return b.append(" --backend {backend} --filter {filter}").toString();
    }

    private static String commandLine(String[] args) {
        StringBuilder b = new StringBuilder("./triad conformance");
        for (String a : args) b.append(' ').append(ConformanceReport.shellQuote(a));
        return b.toString();
    }

    private static String clip(String s) {
        String t = s.replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 159) + "…" : t;
    }
}
