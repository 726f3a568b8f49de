package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.ErrorCheck;
import dev.triad.conformance.check.ForwardCheck;
import dev.triad.conformance.check.LayoutCheck;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The eager front-end's checks on one backend, planned like the op checks of
 * {@link ConformanceSuite}. Per op of the database, through the Tensor API ({@link EagerTarget}):
 * forward results for every sample and dtype, non-contiguous inputs made by the Tensor API's
 * views, error inputs, {@code backward()} ({@link BackwardCheck}) and, where the spec asks for
 * second order, {@code createGraph} ({@link CreateGraphCheck}). Then in-place methods through
 * views ({@link InPlaceCheck}) and every layer and loss ({@link LayerGradientCheck}). Every
 * check is named {@code eager ...}, so reports can tell it from the op suite's check of the
 * same op, and also verifies that the backend's live device memory is back where it started.
 */
public final class EagerSuite {
    private EagerSuite() {}

    /** The prefix of every eager check's name. */
    public static final String PREFIX = "eager ";

    /** Every eager check for {@code backend}: one plan per op, then in-place methods, then one plan per layer or loss. */
    public static List<ConformanceSuite.OpPlan> plan(Backend backend) {
        EagerTarget target = new EagerTarget(backend);
        PlannedCheck.MemoryProbe memory = new PlannedCheck.MemoryProbe() {
            @Override public long liveBytes() { return target.liveBytes(); }
            @Override public String report() { return target.liveBlockReport(); }
        };
        List<ConformanceSuite.OpPlan> out = new ArrayList<>();
        for (OpSpec spec : OpDatabase.all()) {
            String op = spec.primitive().name();
            List<PlannedCheck> checks = new ArrayList<>();
            for (DType t : spec.dtypes()) {
                checks.add(renamed(op, PREFIX + ForwardCheck.name(t), () -> ForwardCheck.run(target, spec, t), memory));
            }
            if (LayoutCheck.pick(spec) != null) {
                checks.add(renamed(op, PREFIX + LayoutCheck.NAME + " (Tensor views)", () -> LayoutCheck.run(target, spec), memory));
            }
            checks.add(renamed(op, PREFIX + ErrorCheck.NAME, () -> ErrorCheck.run(target, spec), memory));
            if (spec.primitive().derivative() != Primitive.Derivative.NONE) {
                checks.add(new PlannedCheck(op, BackwardCheck.NAME, () -> BackwardCheck.run(backend, spec), memory));
            }
            if (CreateGraphCheck.applies(spec)) {
                checks.add(new PlannedCheck(op, CreateGraphCheck.NAME, () -> CreateGraphCheck.run(backend, spec), memory));
            }
            out.add(new ConformanceSuite.OpPlan(op, checks));
        }
        List<PlannedCheck> inPlace = new ArrayList<>();
        for (String m : InPlaceCheck.methods()) inPlace.add(new PlannedCheck("in-place", InPlaceCheck.name(m), () -> InPlaceCheck.run(backend, m), memory));
        out.add(new ConformanceSuite.OpPlan("in-place", inPlace));
        for (Map.Entry<String, List<String>> e : LayerGradientCheck.cases().entrySet()) {
            String group = e.getKey();
            List<PlannedCheck> checks = new ArrayList<>();
            for (String name : e.getValue()) {
                checks.add(new PlannedCheck(group, LayerGradientCheck.name(name), () -> LayerGradientCheck.run(backend, group, name), memory));
            }
            out.add(new ConformanceSuite.OpPlan(group, checks));
        }
        return out;
    }

    /** A suite check run on the eager target, its result named by this plan. */
    private static PlannedCheck renamed(String op, String name, Supplier<CheckResult> body, PlannedCheck.MemoryProbe memory) {
        return new PlannedCheck(op, name, () -> {
            CheckResult r = body.get();
            return r.renamed(r.target(), op, name);
        }, memory);
    }
}
