package dev.triad.conformance;

import dev.triad.conformance.check.GradientCheck;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.spec.Sample;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The op database covers the registry and every entry is usable. */
class OpDatabaseTest {
    @Test
    void everyPrimitiveHasAnOpSpec() {
        assertEquals(java.util.List.of(), OpDatabase.missing(), "primitives of Prims.all() without an OpSpec in the conformance op database");
        for (OpSpec s : OpDatabase.all()) {
            assertTrue(Prims.all().contains(s.primitive()), s + " is not in Prims.all()");
        }
    }

    @Test
    void everySpecHasSamplesForEachDTypeAndErrorInputs() {
        for (OpSpec s : OpDatabase.all()) {
            for (DType t : s.dtypes()) assertFalse(s.samplesFor(t).isEmpty(), s + " has no sample for " + t);
            assertFalse(s.errors().isEmpty(), s + " has no error inputs");
        }
    }

    @Test
    void atLeastSixtyOpsHaveForwardGradientAndBatchingCases() {
        int full = 0;
        for (OpSpec s : OpDatabase.all()) {
            Primitive p = s.primitive();
            boolean gradient = p.derivative() != Primitive.Derivative.NONE && !GradientCheck.samples(s).isEmpty();
            boolean batching = s.samples().stream().anyMatch(x -> x.forBatching() && !x.inputs().isEmpty());
            if (gradient && batching && !s.errors().isEmpty()) full++;
        }
        assertTrue(full >= 60, "only " + full + " ops have forward, gradient, batching and error cases");
    }

    @Test
    void everyDifferentiableOpHasAnF64GradientSample() {
        for (OpSpec s : OpDatabase.all()) {
            if (s.primitive().derivative() == Primitive.Derivative.NONE) continue;
            assertFalse(GradientCheck.samples(s).isEmpty(), s + " is differentiable but has no F64 gradient sample");
            assertTrue(s.samples().stream().anyMatch(Sample::forGradient));
        }
    }
}
