package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batching rules: inputs are batched (B = 3 different elements stacked along some axis, or left
 * unbatched), {@code p.batch} runs on the target, its batch axis is moved to the front, and the
 * result must equal stacking {@code p} applied to each element on its own. Configurations: all
 * inputs batched at axis 0; all batched at their last axis (a non-leading batch axis); only the
 * first input batched (at axis 1 when it has one), the rest unbatched; only the last input
 * batched at axis 0.
 */
public final class BatchingCheck {
    private BatchingCheck() {}

    /** The check's name. */
    public static final String NAME = "batching";

    private static final int B = 3;
    private static final int MAX_SAMPLES = 2;

    /** The dtype batching runs in: F64 when the op takes it, else its main dtype. */
    public static DType dtype(OpSpec spec) { return spec.dtypes().contains(DType.F64) ? DType.F64 : spec.dtypes().get(0); }

    /** A batching configuration: the batch axis of each input, or {@link Batched#NOT_BATCHED}. */
    record Config(String name, int[] dims) {}

    static List<Config> configs(List<RefArray> x) {
        int n = x.size();
        List<Config> out = new ArrayList<>();
        int[] zeros = new int[n];
        out.add(new Config("all inputs batched at axis 0", zeros));
        int[] last = new int[n];
        boolean anyRanked = false;
        for (int i = 0; i < n; i++) {
            last[i] = x.get(i).rank();
            anyRanked |= last[i] > 0;
        }
        if (anyRanked) out.add(new Config("all inputs batched at their last axis", last));
        if (n >= 2) {
            int[] first = new int[n];
            Arrays.fill(first, Batched.NOT_BATCHED);
            first[0] = Math.min(1, x.get(0).rank());
            out.add(new Config("only input 0 batched (axis " + first[0] + ")", first));
            int[] lastOnly = new int[n];
            Arrays.fill(lastOnly, Batched.NOT_BATCHED);
            lastOnly[n - 1] = 0;
            out.add(new Config("only input " + (n - 1) + " batched (axis 0)", lastOnly));
        }
        return out;
    }

    /** Runs the check on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(target.name(), p.name(), NAME);
        DType t = dtype(spec);
        int used = 0;
        for (Sample s : spec.samplesFor(t)) {
            if (!s.forBatching() || s.inputs().isEmpty()) continue;
            if (used++ == MAX_SAMPLES) break;
            Attrs attrs = s.attrsFor(t);
            List<RefArray> base = s.make(t, s.seed(p.name(), 0));
            String why;
            try {
                why = CaseRunner.unsupported(target, p, base, CaseRunner.resultType(p, attrs, base));
            } catch (Throwable e) {
                log.failed(s.name(), base, "shape rule: " + CaseLog.describe(e));
                continue;
            }
            if (why != null) {
                log.unsupported(s.name(), why);
                continue;
            }
            // Element b of batched input i; unbatched inputs keep the base values.
            List<List<RefArray>> elements = new ArrayList<>();
            for (int b = 0; b < B; b++) elements.add(s.make(t, s.seed(p.name(), 1 + b)));
            for (Config c : configs(base)) {
                String caseName = c.name + ", " + s.name();
                try {
                    checkConfig(target, spec, attrs, base, elements, c, caseName, log);
                } catch (Throwable e) {
                    log.threw(caseName, base, e);
                }
            }
        }
        if (used == 0) return CheckResult.notApplicable(target.name(), p.name(), NAME, "the op has no inputs, so nothing can be batched");
        return log.result();
    }

    private static <T> void checkConfig(Target<T> target, OpSpec spec, Attrs attrs, List<RefArray> base, List<List<RefArray>> elements,
                                        Config c, String caseName, CaseLog log) {
        Primitive p = spec.primitive();
        ReferenceOps r = ReferenceOps.INSTANCE;
        int n = base.size();
        List<RefArray> batchedInputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (c.dims[i] == Batched.NOT_BATCHED) {
                batchedInputs.add(base.get(i));
                continue;
            }
            List<RefArray> parts = new ArrayList<>();
            for (List<RefArray> e : elements) parts.add(e.get(i));
            batchedInputs.add(r.moveAxis(r.stack(0, parts), 0, c.dims[i]));
        }
        try (Session<T> session = target.open()) {
            Ops<T> ops = session.ops();
            // Expected: p on each element separately, on the target, stacked.
            List<RefArray> perElement = new ArrayList<>();
            for (List<RefArray> e : elements) {
                List<RefArray> args = new ArrayList<>();
                for (int i = 0; i < n; i++) args.add(c.dims[i] == Batched.NOT_BATCHED ? base.get(i) : e.get(i));
                perElement.add(CaseRunner.run(session, p, attrs, args, Layout.CONTIGUOUS));
            }
            RefArray expected = r.stack(0, perElement);
            Batched<T> result = p.batch(ops, CaseRunner.upload(session, batchedInputs, Layout.CONTIGUOUS), c.dims, attrs);
            T value = result.value();
            T front = result.batchDim() == Batched.NOT_BATCHED
                    ? ops.broadcastTo(ops.expandDims(value, 0), ops.shape(value).insert(0, B))
                    : ops.moveAxis(value, result.batchDim(), 0);
            RefArray actual = session.download(front);
            log.compared(caseName, batchedInputs, Comparison.of(actual, expected, spec.tolerance(expected.dtype())));
        }
    }
}
