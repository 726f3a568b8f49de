package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.ErrorCase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.JittedFn;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.lax;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code jit} of the functional front-end against eager evaluation: for every dtype and sample
 * of an op, {@code jit(op)(x)} (traced, optimised by the shared passes, compiled on the backend)
 * must equal {@code op(x)} evaluated eagerly, and a second call must reuse the trace. Every error
 * case must raise, under {@code jit}, the same exception type as eagerly, naming the op.
 */
final class FunctionalJitCheck {
    private FunctionalJitCheck() {}

    static final String NAME = "functional jit vs eager";

    private static final int MAX_SAMPLES = 3;

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        try (Platform.Restore r = Platform.use(backend)) {
            for (DType t : spec.dtypes()) {
                for (Sample s : spec.samplesFor(t).stream().limit(MAX_SAMPLES).toList()) {
                    String name = t + ", " + s.name();
                    try (Scope scope = Scope.open(); JittedFn jf = Transforms.jit(op(p, s.attrsFor(t)))) {
                        Object[] args = Values.arrays(s.make(t, s.seed(p.name(), 0))).toArray();
                        RefArray eager = Values.ref((Array) op(p, s.attrsFor(t)).apply(args));
                        RefArray jitted = Values.ref((Array) jf.apply(args));
                        log.compared(name, Comparison.of(jitted, eager, spec.tolerance(t)));
                        jf.apply(args);
                        if (jf.stats().traces() != 1) log.failed(name, "a repeated call traced again: " + jf.stats());
                    } catch (Throwable e) {
                        log.threw(name, e);
                    }
                }
            }
            int k = 0;
            for (ErrorCase ec : spec.errors()) {
                String name = "error: " + ec.description();
                try (Scope scope = Scope.open(); JittedFn jf = Transforms.jit(op(p, ec.attrs()))) {
                    Object[] args = Values.arrays(ec.make(k++)).toArray();
                    try {
                        jf.apply(args);
                        log.failed(name, "jit raised nothing; expected " + ec.expected().getSimpleName());
                    } catch (RuntimeException e) {
                        if (!ec.expected().isInstance(e)) {
                            log.failed(name, "jit raised " + CaseLog.describe(e) + "; expected " + ec.expected().getSimpleName() + " as eagerly");
                        } else if (e.getMessage() == null || !e.getMessage().contains(p.name())) {
                            log.failed(name, "the error does not name the op: " + e.getMessage());
                        } else {
                            log.passed(name);
                        }
                    }
                } catch (Throwable e) {
                    log.threw(name, e);
                }
            }
        }
        return log.result();
    }

    private static Fn op(Primitive p, Attrs attrs) {
        return xs -> {
            List<Array> in = new ArrayList<>(xs.length);
            for (Object o : xs) in.add((Array) o);
            return lax.bind(p, attrs, in);
        };
    }
}
