package dev.triad.conformance;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.ForwardCheck;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.target.BackendTarget;
import dev.triad.conformance.target.ReferenceTarget;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declared-unsupported cases are reported as such, and leaked device memory fails the check that leaked it. */
class ReportingTest {
    /** The reference posing as a backend that declares erf unsupported for BF16. */
    private static final class NoBf16Erf implements Target<RefArray> {
        @Override public String name() { return "no-bf16-erf"; }
        @Override public Support supports(Primitive p, DType t) {
            return p == Prims.ERF && t == DType.BF16 ? Support.no("no bf16 erf kernel") : Support.YES;
        }
        @Override public boolean hasFusedKernel(Primitive p) { return false; }
        @Override public Session<RefArray> open() { return ReferenceTarget.INSTANCE.open(); }
        @Override public long liveBytes() { return 0; }
        @Override public String liveBlockReport() { return ""; }
    }

    @Test
    void declaredUnsupportedIsReportedNeverPassed() {
        CheckResult bf16 = ForwardCheck.run(new NoBf16Erf(), OpDatabase.get(Prims.ERF), DType.BF16);
        assertEquals(Status.UNSUPPORTED, bf16.status(), bf16.summary());
        assertTrue(bf16.problems().get(0).contains("no bf16 erf kernel"), bf16.summary());
        assertEquals(Status.PASS, ForwardCheck.run(new NoBf16Erf(), OpDatabase.get(Prims.ERF), DType.F32).status());
    }

    @Test
    void leakedDeviceMemoryFailsTheCheck() {
        try (Backend cpu = Backends.open("cpu")) {
            BackendTarget target = new BackendTarget(cpu);
            DeviceArray[] leaked = new DeviceArray[1];
            PlannedCheck leaky = new PlannedCheck("add", "leaky check", () -> {
                leaked[0] = cpu.upload(HostArray.fromDoubles(DType.F32, Shape.of(4), 1, 2, 3, 4));
                return new CheckResult(target.name(), "add", "leaky check", Status.PASS, 1, 0, 0, List.of());
            }, ConformanceSuite.plan(target, OpDatabase.get(Prims.ADD)).get(0).memory());
            CheckResult r = leaky.run();
            leaked[0].close();
            assertEquals(Status.FAIL, r.status(), r.summary());
            assertTrue(r.problems().get(0).startsWith("device memory leaked: 16 live bytes"), r.summary());
            assertEquals(0, target.liveBytes());
        }
    }
}
