package dev.triad.conformance.tck;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.GradientCheck;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.report.BackendRun;
import dev.triad.conformance.report.ConformanceReport;
import dev.triad.conformance.report.Reports;
import dev.triad.conformance.run.FrontendChecks;
import dev.triad.conformance.run.Frontends;
import dev.triad.conformance.run.Selection;
import dev.triad.conformance.run.SuiteRunner;
import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Device;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** The TCK as static methods: JUnit 5 dynamic tests for a backend, or a plain run that returns its results. */
public final class Tck {
    private Tck() {}

    /** How a TCK report says to rerun one check: the build's test task with the filter property. */
    public static final String RERUN = "mvn test -D" + Selection.PROPERTY + "={filter}";

    /** Where the backend was found, as reports say it. */
    static final String ORIGIN = "test class path (TCK)";

    /**
     * The suite's tests for {@code provider}: a container named after the backend with one
     * container per op and one test per check, then the end-of-run memory check, closing the
     * backend and writing the reports to {@code reportDir} (unless it is null).
     */
    public static Stream<DynamicNode> tests(BackendProvider provider, Selection selection, List<FrontendChecks> frontends, Path reportDir) {
        String name = provider.name();
        Availability a = Backends.probe(provider);
        if (!a.available()) {
            return Stream.of(DynamicContainer.dynamicContainer("backend " + name, Stream.of(DynamicTest.dynamicTest("available",
                    () -> Assumptions.abort("backend '" + name + "' is not available here: " + a.reason())))));
        }
        Backend backend;
        try {
            backend = provider.open();
        } catch (RuntimeException e) {
            return Stream.of(DynamicContainer.dynamicContainer("backend " + name, Stream.of(DynamicTest.dynamicTest("opens",
                    () -> Assertions.fail("backend '" + name + "' probed available but failed to open", e)))));
        }
        Run run = new Run(provider, a, backend, selection, frontends);
        List<DynamicNode> nodes = new ArrayList<>();
        for (ConformanceSuite.OpPlan op : new SuiteRunner(selection, frontends, SuiteRunner.Listener.NONE).plan(backend)) {
            List<DynamicNode> tests = new ArrayList<>();
            for (PlannedCheck c : op.checks()) tests.add(DynamicTest.dynamicTest(c.name(), () -> run.check(c)));
            nodes.add(DynamicContainer.dynamicContainer(op.op(), tests.stream()));
        }
        nodes.add(DynamicTest.dynamicTest(SuiteRunner.MEMORY_CHECK + "; backend closes", run::finish));
        if (reportDir != null) nodes.add(DynamicTest.dynamicTest("reports written to " + reportDir, () -> run.write(reportDir)));
        return Stream.of(DynamicContainer.dynamicContainer("backend " + name, nodes.stream()));
    }

    /** Runs everything selected on {@code provider} without JUnit and returns the results. */
    public static BackendRun run(BackendProvider provider, Selection selection, List<FrontendChecks> frontends) {
        return new SuiteRunner(selection, frontends, SuiteRunner.Listener.NONE).run(new SuiteRunner.Candidate(provider, ORIGIN, true));
    }

    /** A report of TCK runs, whose rerun commands are {@link #RERUN}. */
    public static ConformanceReport report(Instant started, List<BackendRun> runs, Selection selection, List<FrontendChecks> frontends) {
        long millis = java.time.Duration.between(started, Instant.now()).toMillis();
        return new ConformanceReport(started, millis, "TCK (" + BackendTck.class.getName() + ")", RERUN, Reports.environment(),
                selection.patterns(), Frontends.names(frontends), runs);
    }

    /** One backend's TCK run: results as the tests produce them, then closing and reporting. */
    private static final class Run {
        private final BackendProvider provider;
        private final Availability availability;
        private final Backend backend;
        private final Selection selection;
        private final List<FrontendChecks> frontends;
        private final List<CheckResult> results = Collections.synchronizedList(new ArrayList<>());
        private final List<String> devices = new ArrayList<>();
        private final Instant started = Instant.now();
        private final long start = System.nanoTime();
        private long millis;

        Run(BackendProvider provider, Availability availability, Backend backend, Selection selection, List<FrontendChecks> frontends) {
            this.provider = provider;
            this.availability = availability;
            this.backend = backend;
            this.selection = selection;
            this.frontends = frontends;
            for (Device d : backend.devices()) devices.add(d.id() + "  " + d.name());
        }

        void check(PlannedCheck c) {
            CheckResult r = SuiteRunner.runCheck(c, backend.name());
            results.add(r);
            judge(r, RERUN.replace("{filter}", ConformanceReport.shellQuote(r.filter())));
        }

        void finish() {
            CheckResult memory = SuiteRunner.memoryCheck(backend);
            results.add(memory);
            millis = (System.nanoTime() - start) / 1_000_000;
            backend.close();
            judge(memory, "");
        }

        void write(Path dir) throws IOException {
            BackendRun run = new BackendRun(provider.name(), ORIGIN, true, true, availability.reason(), devices, List.copyOf(results), millis);
            Reports.write(report(started, List.of(run), selection, frontends), dir);
            System.out.println("triad conformance (TCK): " + run.verdict() + " for backend '" + run.name() + "'; reports in "
                    + dir.toAbsolutePath().resolve(Reports.HTML));
        }
    }

    /** Turns a result into a JUnit outcome: pass, fail (with how to rerun it) or abort (declared unsupported, not applicable). */
    static void judge(CheckResult r, String rerun) {
        switch (r.status()) {
            case PASS -> { }
            case FAIL -> Assertions.fail(r.summary() + (rerun.isEmpty() ? "" : "\nrerun just this: " + rerun));
            case UNSUPPORTED -> Assumptions.abort(r.summary());
            case NOT_APPLICABLE -> {
                // An op declared non-differentiable passes when its rules refuse as declared; other checks that do not apply are skipped.
                if (!GradientCheck.DECLARED_NONE.equals(r.check())) Assumptions.abort(r.summary());
            }
        }
    }
}
