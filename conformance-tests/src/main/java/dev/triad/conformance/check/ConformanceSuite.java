package dev.triad.conformance.check;

import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.target.Target;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the op database into checks for one target. Front ends of the suite (the JUnit
 * factory, a CLI report) run the planned checks and present the results; the plan itself
 * decides nothing about presentation.
 */
public final class ConformanceSuite {
    private ConformanceSuite() {}

    /** The checks of one op. */
    public record OpPlan(String op, List<PlannedCheck> checks) {}

    /** Every op's checks for {@code target}, in registry order. */
    public static <T> List<OpPlan> plan(Target<T> target) {
        List<OpPlan> out = new ArrayList<>();
        for (OpSpec spec : OpDatabase.all()) out.add(new OpPlan(spec.primitive().name(), plan(target, spec)));
        return out;
    }

    /** The checks of one op on {@code target}. */
    public static <T> List<PlannedCheck> plan(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        PlannedCheck.MemoryProbe memory = probe(target);
        List<PlannedCheck> checks = new ArrayList<>();
        String op = p.name();
        boolean hasInputs = spec.samples().stream().anyMatch(s -> !s.inputs().isEmpty());
        // Against itself the reference has nothing to compare, except composites against their direct formulas.
        if (!target.isReference() || dev.triad.conformance.reference.DirectFormulas.covers(p)) {
            for (DType t : spec.dtypes()) checks.add(new PlannedCheck(op, ForwardCheck.name(t), () -> ForwardCheck.run(target, spec, t), memory));
        }
        if (!target.isReference() && LayoutCheck.pick(spec) != null) {
            checks.add(new PlannedCheck(op, LayoutCheck.NAME, () -> LayoutCheck.run(target, spec), memory));
        }
        String gradName = p.derivative() == Primitive.Derivative.NONE ? GradientCheck.DECLARED_NONE : GradientCheck.NAME;
        checks.add(new PlannedCheck(op, gradName, () -> GradientCheck.run(target, spec), memory));
        if (spec.secondOrder() && p.derivative() == Primitive.Derivative.DIFFERENTIABLE) {
            checks.add(new PlannedCheck(op, SecondOrderCheck.NAME, () -> SecondOrderCheck.run(target, spec), memory));
        }
        if (hasInputs) checks.add(new PlannedCheck(op, BatchingCheck.NAME, () -> BatchingCheck.run(target, spec), memory));
        checks.add(new PlannedCheck(op, ErrorCheck.NAME, () -> ErrorCheck.run(target, spec), memory));
        return checks;
    }

    /** The random-number checks for {@code target}. */
    public static <T> PlannedCheck rng(Target<T> target) {
        return new PlannedCheck("rng", RngCheck.NAME, () -> RngCheck.run(target), probe(target));
    }

    private static PlannedCheck.MemoryProbe probe(Target<?> target) {
        return new PlannedCheck.MemoryProbe() {
            @Override public long liveBytes() { return target.liveBytes(); }
            @Override public String report() { return target.liveBlockReport(); }
        };
    }
}
