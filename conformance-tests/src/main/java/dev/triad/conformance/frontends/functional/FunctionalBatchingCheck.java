package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.lax;
import dev.triad.functional.np;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code vmap} of the functional front-end against a loop: B = 3 different instances of a
 * sample are stacked along some axis (or an input is left unbatched, with {@code in_axes}
 * null), and {@code vmap(op)} must equal stacking {@code op} applied to each instance.
 * Configurations: every input mapped at axis 0; every input mapped at its last axis; only input
 * 0 mapped.
 */
final class FunctionalBatchingCheck {
    private FunctionalBatchingCheck() {}

    static final String NAME = "functional vmap vs loop";

    private static final int B = 3;
    private static final int MAX_SAMPLES = 2;

    static DType dtype(OpSpec spec) { return spec.dtypes().contains(DType.F64) ? DType.F64 : spec.dtypes().get(0); }

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    static CheckResult run(Backend backend, OpSpec spec) {
        Primitive p = spec.primitive();
        DType t = dtype(spec);
        List<Sample> samples = spec.samplesFor(t).stream().filter(s -> s.forBatching() && !s.inputs().isEmpty()).limit(MAX_SAMPLES).toList();
        if (samples.isEmpty()) return CheckResult.notApplicable(backend.name(), p.name(), NAME, "no sample with inputs to map over");
        CaseLog log = new CaseLog(backend.name(), p.name(), NAME);
        try (Platform.Restore r = Platform.use(backend)) {
            for (Sample s : samples) {
                Attrs attrs = s.attrsFor(t);
                List<List<RefArray>> instances = new ArrayList<>();
                for (int b = 0; b < B; b++) instances.add(s.make(t, s.seed(p.name(), b)));
                int n = instances.get(0).size();
                for (Integer[] axes : configs(instances.get(0))) {
                    String name = s.name() + ", in_axes " + Arrays.toString(axes);
                    try (Scope scope = Scope.open()) {
                        log.compared(name, compare(p, attrs, instances, axes, n, spec.tolerance(t)));
                    } catch (Throwable e) {
                        log.threw(name, e);
                    }
                }
            }
        }
        return log.result();
    }

    private static List<Integer[]> configs(List<RefArray> x) {
        int n = x.size();
        List<Integer[]> out = new ArrayList<>();
        Integer[] zeros = new Integer[n];
        Arrays.fill(zeros, 0);
        out.add(zeros);
        Integer[] last = new Integer[n];
        boolean ranked = false;
        for (int i = 0; i < n; i++) {
            last[i] = x.get(i).rank();
            ranked |= last[i] > 0;
        }
        if (ranked) out.add(last);
        if (n >= 2) {
            Integer[] first = new Integer[n];
            first[0] = 0;
            out.add(first);
        }
        return out;
    }

    private static Comparison compare(Primitive p, Attrs attrs, List<List<RefArray>> instances, Integer[] axes, int n,
                                      dev.triad.conformance.spec.Tolerance tol) {
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            if (axes[i] == null) {
                args[i] = Values.array(instances.get(0).get(i));
                continue;
            }
            List<Array> parts = new ArrayList<>();
            for (List<RefArray> inst : instances) parts.add(Values.array(inst.get(i)));
            args[i] = np.stack(parts, axes[i]);
        }
        List<Array> loop = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            List<Array> in = new ArrayList<>(n);
            for (int i = 0; i < n; i++) in.add(Values.array(instances.get(axes[i] == null ? 0 : b).get(i)));
            loop.add(lax.bind(p, attrs, in));
        }
        RefArray expected = Values.ref(np.stack(loop, 0));
        Fn f = xs -> {
            List<Array> in = new ArrayList<>(xs.length);
            for (Object o : xs) in.add((Array) o);
            return lax.bind(p, attrs, in);
        };
        Array actual = (Array) Transforms.vmap(f, Arrays.asList(axes), 0).apply(args);
        return Comparison.of(Values.ref(actual), expected, tol);
    }
}
