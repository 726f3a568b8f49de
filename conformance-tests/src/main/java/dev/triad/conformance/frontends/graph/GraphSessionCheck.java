package dev.triad.conformance.frontends.graph;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.SessionOptions;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sample of an op, for one dtype, run through a graph session against the reference,
 * three ways: inputs fed to placeholders with the optimisation passes, the same without them,
 * and inputs as graph constants (so constant folding evaluates the op on the backend when the
 * session compiles). All three must match the reference within the op's tolerance.
 */
public final class GraphSessionCheck {
    private GraphSessionCheck() {}

    /** The check's name for dtype {@code t}. */
    public static String name(DType t) { return "graph session " + t; }

    /** Runs the samples of {@code spec} for {@code t} through sessions on {@code backend}. */
    public static CheckResult run(Backend backend, OpSpec spec, DType t) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(backend.name(), p.name(), name(t));
        for (Sample s : spec.samplesFor(t)) {
            List<RefArray> inputs = s.make(t, s.seed(p.name(), 0));
            Attrs attrs = s.attrsFor(t);
            RefArray expected;
            TensorType type;
            try {
                List<TensorType> types = new ArrayList<>();
                for (RefArray x : inputs) types.add(x.type());
                type = p.inferType(types, attrs);
                expected = ReferenceOps.INSTANCE.apply(p, attrs, inputs);
            } catch (Throwable e) {
                continue; // the forward check reports what the reference cannot compute
            }
            if (!p.isComposite() || backend.hasFusedKernel(p)) {
                DType asked = inputs.isEmpty() ? type.dtype() : inputs.get(0).dtype();
                Support sup = backend.supports(p, asked);
                if (!sup.supported()) {
                    log.unsupported(s.name(), "backend '" + backend.name() + "' does not support " + p.name() + " for " + asked + ": " + sup.reason());
                    continue;
                }
            }
            for (Variant v : Variant.values()) {
                String caseName = s.name() + " (" + v.label + ")";
                try {
                    RefArray actual = Arrays.fromHost(v.run(backend, p, attrs, inputs));
                    log.compared(caseName, Comparison.of(actual, expected, spec.tolerance(type.dtype())));
                } catch (UnsupportedOpException e) {
                    log.unsupported(caseName, e.getMessage());
                } catch (Throwable e) {
                    log.threw(caseName, e);
                }
            }
        }
        return log.result();
    }

    private enum Variant {
        FED_OPTIMIZED("fed, optimised", true, SessionOptions.DEFAULT),
        FED_UNOPTIMIZED("fed, unoptimised", true, SessionOptions.UNOPTIMIZED),
        CONSTANT_FOLDED("constants, folded", false, SessionOptions.DEFAULT);

        final String label;
        final boolean fed;
        final SessionOptions options;

        Variant(String label, boolean fed, SessionOptions options) {
            this.label = label;
            this.fed = fed;
            this.options = options;
        }

        HostArray run(Backend backend, Primitive p, Attrs attrs, List<RefArray> inputs) {
            GraphBuilder g = new GraphBuilder();
            List<Output> ins = new ArrayList<>();
            Map<Output, HostArray> feeds = new LinkedHashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                RefArray x = inputs.get(i);
                if (fed) {
                    Output ph = g.placeholder("x" + i, x.dtype(), x.shape().toArray());
                    feeds.put(ph, Arrays.toHost(x));
                    ins.add(ph);
                } else {
                    ins.add(g.constant("x" + i, Arrays.toHost(x)));
                }
            }
            Output y = g.apply(p, attrs, ins);
            try (Session session = new Session(g, backend, options)) {
                return session.run(y, feeds);
            }
        }
    }
}
