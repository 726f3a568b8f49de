package dev.triad.conformance;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU backend is the reference backend: it declares nothing in the op database unsupported. */
class CpuBackendDeclarationTest {
    @Test
    void cpuDeclaresNothingUnsupported() {
        assertTrue(Backends.providers().stream().anyMatch(p -> p.name().equals("cpu")), "the cpu backend is not on the test class path");
        List<String> unsupported = new ArrayList<>();
        try (Backend cpu = Backends.open("cpu")) {
            for (OpSpec spec : OpDatabase.all()) {
                Primitive p = spec.primitive();
                for (DType t : spec.dtypes()) {
                    for (Sample s : spec.samplesFor(t)) {
                        // The dtype a backend is asked about: the first input's, or the result's for ops without inputs.
                        List<RefArray> in = s.make(t, 1);
                        DType asked = in.isEmpty() ? t : in.get(0).dtype();
                        Support sup = cpu.supports(p, asked);
                        if (!sup.supported()) unsupported.add(p.name() + " for " + asked + ": " + sup.reason());
                    }
                }
            }
        }
        assertEquals(List.of(), unsupported.stream().distinct().toList());
    }
}
