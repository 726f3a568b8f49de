package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.spi.backend.Backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The functional front-end's checks on one backend, planned like the op checks of
 * {@link ConformanceSuite}: per op of the database, {@code grad}/{@code jvp}/{@code vjp}
 * against finite differences, {@code vmap} against a loop and {@code jit} against eager
 * evaluation; then the {@code jit} cache and Hessians. Each check also verifies that the
 * backend's live device memory is back where it started.
 */
public final class FunctionalSuite {
    private FunctionalSuite() {}

    /** Every check for {@code backend}: one plan per op, then one for the transformations themselves. */
    public static List<ConformanceSuite.OpPlan> plan(Backend backend) {
        PlannedCheck.MemoryProbe memory = new PlannedCheck.MemoryProbe() {
            @Override public long liveBytes() { return backend.allocator().stats().liveBytes(); }
            @Override public String report() { return backend.allocator().liveBlockReport(); }
        };
        List<ConformanceSuite.OpPlan> out = new ArrayList<>();
        for (OpSpec spec : OpDatabase.all()) {
            String op = spec.primitive().name();
            List<PlannedCheck> checks = new ArrayList<>();
            checks.add(new PlannedCheck(op, FunctionalGradientCheck.NAME, () -> FunctionalGradientCheck.run(backend, spec), memory));
            if (spec.samples().stream().anyMatch(s -> !s.inputs().isEmpty())) {
                checks.add(new PlannedCheck(op, FunctionalBatchingCheck.NAME, () -> FunctionalBatchingCheck.run(backend, spec), memory));
            }
            checks.add(new PlannedCheck(op, FunctionalJitCheck.NAME, () -> FunctionalJitCheck.run(backend, spec), memory));
            out.add(new ConformanceSuite.OpPlan(op, checks));
        }
        out.add(new ConformanceSuite.OpPlan("transformations", List.of(
                new PlannedCheck("jit", JitCacheCheck.NAME, () -> JitCacheCheck.run(backend), memory),
                new PlannedCheck("hessian", HessianCheck.NAME, () -> HessianCheck.run(backend), memory))));
        return out;
    }
}
