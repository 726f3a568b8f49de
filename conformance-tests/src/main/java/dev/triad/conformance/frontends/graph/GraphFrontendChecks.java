package dev.triad.conformance.frontends.graph;

import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/** The graph front-end's checks of one op on one backend, for the suite's JUnit factory and reports. */
public final class GraphFrontendChecks {
    private GraphFrontendChecks() {}

    /** The checks of op {@code opName} on {@code backend}: a session check per dtype, then symbolic gradients. */
    public static List<PlannedCheck> plan(Backend backend, String opName) {
        OpSpec spec = OpDatabase.get(Prims.byName(opName));
        if (spec == null) return List.of();
        PlannedCheck.MemoryProbe memory = new PlannedCheck.MemoryProbe() {
            @Override public long liveBytes() { return backend.allocator().stats().liveBytes(); }
            @Override public String report() { return backend.allocator().liveBlockReport(); }
        };
        List<PlannedCheck> checks = new ArrayList<>();
        for (DType t : spec.dtypes()) {
            checks.add(new PlannedCheck(opName, GraphSessionCheck.name(t), () -> GraphSessionCheck.run(backend, spec, t), memory));
        }
        checks.add(new PlannedCheck(opName, GraphGradientCheck.NAME, () -> GraphGradientCheck.run(backend, spec), memory));
        return checks;
    }
}
