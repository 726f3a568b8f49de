package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-contiguous inputs: one sample of the op in its main dtype runs with every input laid out
 * as a view — transposed strides, stride-0 broadcast, offset with gaps, negative stride — and
 * is compared with the reference on the logical values.
 */
public final class LayoutCheck {
    private LayoutCheck() {}

    /** The check's name. */
    public static final String NAME = "non-contiguous inputs";

    /** The sample used: the first regular one whose inputs all have rank &gt;= 1 and elements, or null. */
    public static Sample pick(OpSpec spec) {
        DType t = spec.dtypes().get(0);
        Sample fallback = null;
        for (Sample s : spec.samplesFor(t)) {
            if (s.inputs().isEmpty()) continue;
            boolean allRanked = s.inputs().stream().allMatch(in -> in.shape().rank() >= 1 && in.shape().numel() > 0);
            boolean someRanked = s.inputs().stream().anyMatch(in -> in.shape().rank() >= 2 && in.shape().numel() > 0);
            if (allRanked && s.forBatching() && someRanked) return s;
            if (fallback == null && allRanked && s.forBatching()) fallback = s;
        }
        return fallback;
    }

    /** Runs the layouts on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        Sample s = pick(spec);
        if (s == null) return CheckResult.notApplicable(target.name(), p.name(), NAME, "no sample with inputs of rank >= 1");
        DType t = spec.dtypes().get(0);
        CaseLog log = new CaseLog(target.name(), p.name(), NAME);
        List<RefArray> base = s.make(t, s.seed(p.name(), 0));
        Attrs attrs = s.attrsFor(t);
        for (Layout layout : Layout.values()) {
            if (layout == Layout.CONTIGUOUS) continue;
            String caseName = layout.description() + ", " + s.name() + ", " + t;
            List<RefArray> logical = new ArrayList<>();
            for (RefArray x : base) logical.add(layout.logical(x));
            RefArray expected;
            TensorType type;
            try {
                type = CaseRunner.resultType(p, attrs, logical);
                expected = ReferenceOps.INSTANCE.apply(p, attrs, logical);
            } catch (Throwable e) {
                log.failed(caseName, logical, "the reference cannot compute it: " + CaseLog.describe(e));
                continue;
            }
            String why = CaseRunner.unsupported(target, p, logical, type);
            if (why != null) {
                log.unsupported(caseName, why);
                continue;
            }
            try (Session<T> session = target.open()) {
                RefArray actual = CaseRunner.run(session, p, attrs, logical, layout);
                log.compared(caseName, logical, Comparison.of(actual, expected, spec.tolerance(type.dtype())));
            } catch (Throwable e) {
                log.threw(caseName, logical, e);
            }
        }
        return log.result();
    }
}
