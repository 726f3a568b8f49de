package dev.triad.conformance.run;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.report.BackendRun;
import dev.triad.conformance.target.BackendTarget;
import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole suite on one backend: probes it, opens it, plans the op checks, the
 * random-number check and the front-end check sets, keeps those the {@link Selection} picks,
 * runs them in order (each one also checks that device memory came back), checks that nothing
 * is live at the end, and closes the backend. The JUnit TCK uses the same pieces one test at
 * a time ({@link #plan}, {@link #runCheck}, {@link #memoryCheck}).
 */
public final class SuiteRunner {
    /** The op (topic) of the end-of-run memory check. */
    public static final String MEMORY_OP = "memory";
    /** The name of the end-of-run memory check. */
    public static final String MEMORY_CHECK = "all device memory released";
    /** The topic of results about the backend itself (opening, closing). */
    public static final String BACKEND_OP = "backend";

    /** Hears about progress; every method has a do-nothing default. */
    public interface Listener {
        /** Nothing. */
        Listener NONE = new Listener() {};

        /** {@code backend} opened and {@code checks} checks are planned on it. */
        default void backendStarted(String backend, int checks) {}

        /** Check number {@code done} (of {@code total}) on {@code backend} finished with {@code r}. */
        default void checkFinished(String backend, CheckResult r, int done, int total) {}

        /** Everything about one backend is known. */
        default void backendFinished(BackendRun run) {}
    }

    /**
     * A backend to run.
     *
     * @param provider its provider
     * @param origin where it was found, e.g. {@code class path} or a JAR's path
     * @param requested true when the user named it
     */
    public record Candidate(BackendProvider provider, String origin, boolean requested) {}

    private final Selection selection;
    private final List<FrontendChecks> frontends;
    private final Listener listener;

    /** A runner for the checks {@code selection} picks, with the front-end sets {@code frontends}. */
    public SuiteRunner(Selection selection, List<FrontendChecks> frontends, Listener listener) {
        this.selection = selection;
        this.frontends = List.copyOf(frontends);
        this.listener = listener;
    }

    /** Runs everything selected on {@code c}'s backend. Never throws for a backend's failure: that is in the results. */
    public BackendRun run(Candidate c) {
        long start = System.nanoTime();
        BackendProvider provider = c.provider();
        Availability a = Backends.probe(provider);
        if (!a.available()) {
            BackendRun run = new BackendRun(provider.name(), c.origin(), c.requested(), false, a.reason(), List.of(), List.of(), millisSince(start));
            listener.backendFinished(run);
            return run;
        }
        List<CheckResult> results = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        Backend backend;
        try {
            backend = provider.open();
        } catch (Throwable t) {
            results.add(failure(provider.name(), BACKEND_OP, "opens", "probed available but failed to open: " + CaseLog.describe(t)));
            BackendRun run = new BackendRun(provider.name(), c.origin(), c.requested(), true, a.reason(), devices, results, millisSince(start));
            listener.backendFinished(run);
            return run;
        }
        try {
            for (Device d : backend.devices()) devices.add(d.id() + "  " + d.name());
            List<PlannedCheck> checks = new ArrayList<>();
            for (ConformanceSuite.OpPlan op : plan(backend)) checks.addAll(op.checks());
            listener.backendStarted(backend.name(), checks.size() + 1);
            int done = 0;
            for (PlannedCheck check : checks) {
                CheckResult r = runCheck(check, backend.name());
                results.add(r);
                listener.checkFinished(backend.name(), r, ++done, checks.size() + 1);
            }
            CheckResult memory = memoryCheck(backend);
            results.add(memory);
            listener.checkFinished(backend.name(), memory, ++done, checks.size() + 1);
        } finally {
            try {
                backend.close();
            } catch (Throwable t) {
                results.add(failure(provider.name(), BACKEND_OP, "closes", CaseLog.describe(t)));
            }
        }
        BackendRun run = new BackendRun(provider.name(), c.origin(), c.requested(), true, a.reason(), devices, results, millisSince(start));
        listener.backendFinished(run);
        return run;
    }

    /**
     * The selected checks on an opened {@code backend}, grouped by op in the op database's
     * order: each op's own checks, then the front-end sets' checks of that op; then the
     * random-number check and whatever the front-end sets plan beyond the op database.
     * Ops with nothing selected are left out.
     */
    public List<ConformanceSuite.OpPlan> plan(Backend backend) {
        BackendTarget target = new BackendTarget(backend);
        Map<String, List<PlannedCheck>> byOp = new LinkedHashMap<>();
        for (ConformanceSuite.OpPlan op : ConformanceSuite.plan(target)) add(byOp, op);
        add(byOp, new ConformanceSuite.OpPlan("rng", List.of(ConformanceSuite.rng(target))));
        for (FrontendChecks f : frontends) {
            for (ConformanceSuite.OpPlan op : f.plan(backend)) add(byOp, op);
        }
        List<ConformanceSuite.OpPlan> out = new ArrayList<>();
        for (Map.Entry<String, List<PlannedCheck>> e : byOp.entrySet()) {
            out.add(new ConformanceSuite.OpPlan(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Groups by each check's own op (a plan's checks may be about several topics), which is also what its result is named by. */
    private void add(Map<String, List<PlannedCheck>> byOp, ConformanceSuite.OpPlan op) {
        for (PlannedCheck c : op.checks()) {
            if (selection.matches(c.op(), c.name())) byOp.computeIfAbsent(c.op(), k -> new ArrayList<>()).add(c);
        }
    }

    /**
     * Runs {@code check} (with its leak check) and names the result after the plan, so that the
     * result's {@link CheckResult#filter()} selects exactly this check again.
     */
    public static CheckResult runCheck(PlannedCheck check, String target) {
        return check.run().renamed(target, check.op(), check.name());
    }

    /** The end-of-run check: no device memory is live on {@code backend} once every check is done. */
    public static CheckResult memoryCheck(Backend backend) {
        long live = backend.allocator().stats().liveBytes();
        if (live == 0) return new CheckResult(backend.name(), MEMORY_OP, MEMORY_CHECK, Status.PASS, 1, 0, 0, List.of());
        return failure(backend.name(), MEMORY_OP, MEMORY_CHECK, live + " bytes still live after the suite: " + backend.allocator().liveBlockReport());
    }

    private static CheckResult failure(String target, String op, String check, String why) {
        return new CheckResult(target, op, check, Status.FAIL, 1, 0, 0, List.of(why));
    }

    private static long millisSince(long start) { return (System.nanoTime() - start) / 1_000_000; }
}
