package dev.triad.conformance.check;

import dev.triad.conformance.reference.DirectFormulas;
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

import java.util.List;

/**
 * Forward results of one dtype against the reference: every sample of the op for that dtype
 * runs on the target and is compared with {@link ReferenceOps} (for composites, the reference
 * runs the decomposition). Composites with a direct formula are also compared with it, which is
 * the only forward comparison that means something when the target is the reference itself.
 */
public final class ForwardCheck {
    private ForwardCheck() {}

    /** The check's name for dtype {@code t}. */
    public static String name(DType t) { return "forward " + t; }

    /** Runs the samples of {@code spec} for dtype {@code t} on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec, DType t) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(target.name(), p.name(), name(t));
        for (Sample s : spec.samplesFor(t)) {
            String caseName = s.name();
            List<RefArray> inputs = s.make(t, s.seed(p.name(), 0));
            Attrs attrs = s.attrsFor(t);
            RefArray expected;
            TensorType resultType;
            try {
                resultType = CaseRunner.resultType(p, attrs, inputs);
                expected = ReferenceOps.INSTANCE.apply(p, attrs, inputs);
            } catch (Throwable e) {
                log.failed(caseName, inputs, "the reference cannot compute it: " + CaseLog.describe(e));
                continue;
            }
            if (DirectFormulas.covers(p) && allFinite(inputs)) {
                compareDirect(log, spec, "decomposition vs direct formula: " + caseName, expected, attrs, inputs, resultType);
            }
            if (target.isReference()) continue;
            String why = CaseRunner.unsupported(target, p, inputs, resultType);
            if (why != null) {
                log.unsupported(caseName, why);
                continue;
            }
            try (Session<T> session = target.open()) {
                RefArray actual = CaseRunner.run(session, p, attrs, inputs, Layout.CONTIGUOUS);
                log.compared(caseName, inputs, Comparison.of(actual, expected, spec.tolerance(resultType.dtype())));
                if (DirectFormulas.covers(p) && allFinite(inputs) && target.hasFusedKernel(p)) {
                    compareDirect(log, spec, "fused kernel vs direct formula: " + caseName, actual, attrs, inputs, resultType);
                }
            } catch (Throwable e) {
                log.threw(caseName, inputs, e);
            }
        }
        return log.result();
    }

    private static void compareDirect(CaseLog log, OpSpec spec, String caseName, RefArray value, Attrs attrs, List<RefArray> inputs, TensorType type) {
        try {
            RefArray direct = DirectFormulas.compute(spec.primitive(), attrs, inputs, type);
            // Rounding each step of a decomposition differs from rounding once: allow a few more ulps.
            log.compared(caseName, inputs, Comparison.of(value, direct, spec.tolerance(type.dtype()).times(2)));
        } catch (Throwable e) {
            log.threw(caseName, inputs, e);
        }
    }

    static boolean allFinite(List<RefArray> inputs) {
        for (RefArray x : inputs) {
            if (x.isIntegral()) continue;
            for (int i = 0; i < x.size(); i++) if (!Double.isFinite(x.get(i))) return false;
        }
        return true;
    }
}
