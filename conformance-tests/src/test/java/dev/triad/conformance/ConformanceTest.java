package dev.triad.conformance;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.frontends.eager.EagerSuite;
import dev.triad.conformance.frontends.equivalence.FrontendEquivalenceCheck;
import dev.triad.conformance.frontends.functional.FunctionalSuite;
import dev.triad.conformance.frontends.graph.GraphFrontendChecks;
import dev.triad.conformance.target.BackendTarget;
import dev.triad.conformance.target.ReferenceTarget;
import dev.triad.conformance.target.Target;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance suite as JUnit tests: one container per target (the reference itself, which
 * checks the rules without any backend, then every backend ServiceLoader finds), one container
 * per op, one test per check. A backend JAR is tested by being on the test class path.
 * Declared-unsupported cases are aborted with the backend's reason (reported as skipped),
 * never passed.
 */
class ConformanceTest {
    private static final ReportCollector REPORT = new ReportCollector();

    @TestFactory
    Stream<DynamicNode> conformance() {
        List<DynamicNode> targets = new ArrayList<>();
        targets.add(container(ReferenceTarget.INSTANCE, "reference (rules checked without a backend)", null));
        for (Backends.Probed probed : Backends.probeAll()) {
            String name = "backend " + probed.provider().name();
            if (!probed.availability().available()) {
                String reason = probed.availability().reason();
                targets.add(DynamicContainer.dynamicContainer(name, Stream.of(DynamicTest.dynamicTest("available",
                        () -> Assumptions.abort("backend '" + probed.provider().name() + "' is not available here: " + reason)))));
                continue;
            }
            Backend backend;
            try {
                backend = probed.provider().open();
            } catch (RuntimeException e) {
                targets.add(DynamicContainer.dynamicContainer(name, Stream.of(DynamicTest.dynamicTest("opens",
                        () -> Assertions.fail("backend '" + probed.provider().name() + "' probed available but failed to open", e)))));
                continue;
            }
            targets.add(container(new BackendTarget(backend), name, backend));
        }
        return targets.stream();
    }

    private static DynamicContainer container(Target<?> target, String name, Backend toClose) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (ConformanceSuite.OpPlan op : ConformanceSuite.plan(target)) {
            List<DynamicNode> tests = new ArrayList<>();
            for (PlannedCheck c : op.checks()) tests.add(test(c));
            if (target instanceof BackendTarget bt) for (PlannedCheck c : GraphFrontendChecks.plan(bt.backend(), op.op())) tests.add(test(c));
            nodes.add(DynamicContainer.dynamicContainer(op.op(), tests.stream()));
        }
        nodes.add(test(ConformanceSuite.rng(target)));
        if (target instanceof BackendTarget b) nodes.add(functional(b.backend()));
        if (target instanceof BackendTarget b) nodes.add(eager(b.backend()));
        if (target instanceof BackendTarget b) nodes.add(equivalence(b.backend()));
        if (toClose != null) {
            nodes.add(DynamicTest.dynamicTest("all device memory released; backend closes", () -> {
                long live = target.liveBytes();
                String report = target.liveBlockReport();
                toClose.close();
                Assertions.assertEquals(0, live, () -> "live device memory after the suite: " + report);
            }));
        }
        return DynamicContainer.dynamicContainer(name, nodes.stream());
    }

    /** The functional front-end's checks on {@code backend} ({@link FunctionalSuite}). */
    private static DynamicContainer functional(Backend backend) {
        List<DynamicNode> ops = new ArrayList<>();
        for (ConformanceSuite.OpPlan op : FunctionalSuite.plan(backend)) {
            ops.add(DynamicContainer.dynamicContainer(op.op(), op.checks().stream().map(ConformanceTest::test)));
        }
        return DynamicContainer.dynamicContainer("functional front-end", ops.stream());
    }

    /** The eager front-end's checks on {@code backend} ({@link EagerSuite}). */
    private static DynamicContainer eager(Backend backend) {
        List<DynamicNode> ops = new ArrayList<>();
        for (ConformanceSuite.OpPlan op : EagerSuite.plan(backend)) {
            ops.add(DynamicContainer.dynamicContainer(op.op(), op.checks().stream().map(ConformanceTest::test)));
        }
        return DynamicContainer.dynamicContainer("eager front-end", ops.stream());
    }

    /** The eager, graph and functional front-ends training the same MLP alike ({@link FrontendEquivalenceCheck}). */
    private static DynamicContainer equivalence(Backend backend) {
        ConformanceSuite.OpPlan op = FrontendEquivalenceCheck.plan(backend);
        return DynamicContainer.dynamicContainer(op.op(), op.checks().stream().map(ConformanceTest::test));
    }

    private static DynamicTest test(PlannedCheck c) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            CheckResult r = c.run();
            REPORT.add(r);
            switch (r.status()) {
                case PASS -> { }
                case FAIL -> Assertions.fail(r.summary());
                case UNSUPPORTED -> Assumptions.abort(r.summary());
                case NOT_APPLICABLE -> {
                    // Nothing to run: the op has no such case (a gradient of an op declared
                    // non-differentiable, batching of an op without inputs). Not a skip of a
                    // runnable case, so it is not reported as one; the report lists it.
                }
            }
        });
    }

    @AfterAll
    static void writeReport() { REPORT.write(); }
}
