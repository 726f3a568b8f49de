package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.JitStats;
import dev.triad.functional.Jitted;
import dev.triad.functional.JittedFn;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.np;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@code jit} cache: a repeated signature (structure, dtypes, shapes, static arguments) does
 * not trace again; a new shape, dtype or static value does; and {@code grad} of a jitted function
 * transforms its traced graph rather than running the Java function again.
 */
final class JitCacheCheck {
    private JitCacheCheck() {}

    static final String NAME = "functional jit cache re-traces only on a new signature";

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    static CheckResult run(Backend backend) {
        CaseLog log = new CaseLog(backend.name(), "jit", NAME);
        try (Platform.Restore r = Platform.use(backend); Scope scope = Scope.open()) {
            AtomicInteger runs = new AtomicInteger();
            Function<Array, Array> f = x -> {
                runs.incrementAndGet();
                return np.sum(np.multiply(np.exp(x), np.sin(x)));
            };
            Array a = np.array(new double[] {0.1, 0.2, 0.3});
            Array b = np.array(new double[] {1, 2, 3, 4});
            try (Jitted<Array, Array> jf = Transforms.jit(f)) {
                Array eager = f.apply(a);
                int before = runs.get();
                log.compared("value", Comparison.of(Values.ref(jf.apply(a)), Values.ref(eager), new Tolerance(1e-12, 1e-12)));
                jf.apply(a);
                jf.apply(a);
                expect(log, "a repeated signature", jf.stats(), 1, 2);
                jf.apply(b);
                expect(log, "a new shape", jf.stats(), 2, 2);
                jf.apply(np.astype(a, DType.F32));
                expect(log, "a new dtype", jf.stats(), 3, 2);
                if (runs.get() - before != 3) log.failed("tracing", "the function ran " + (runs.get() - before) + " times for 3 signatures");
                else log.passed("tracing");
                int beforeGrad = runs.get();
                Transforms.grad(jf).apply(a);
                Transforms.grad(jf).apply(a);
                if (runs.get() != beforeGrad) log.failed("grad of jit", "grad of the jitted function ran the Java function again");
                else log.passed("grad of jit");
            }
            Fn scaled = args -> np.multiply((Array) args[0], ((Number) args[1]).doubleValue());
            try (JittedFn jf = Transforms.jit(scaled, 1)) {
                jf.apply(a, 2);
                jf.apply(a, 2);
                jf.apply(a, 3);
                expect(log, "static arguments", jf.stats(), 2, 1);
            }
        } catch (Throwable e) {
            log.threw("cache", e);
        }
        return log.result();
    }

    private static void expect(CaseLog log, String what, JitStats s, long traces, long hits) {
        if (s.traces() != traces || s.cacheHits() != hits) {
            log.failed(what, "expected " + traces + " trace(s) and " + hits + " cache hit(s), got " + s);
        } else {
            log.passed(what);
        }
    }
}
