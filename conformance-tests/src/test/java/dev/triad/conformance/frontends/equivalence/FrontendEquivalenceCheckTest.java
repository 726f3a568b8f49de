package dev.triad.conformance.frontends.equivalence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.conformance.check.Status;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front-end equivalence check passes on the CPU backend, and fails (with the step and the
 * relative difference) when one front-end starts from a different weight.
 */
class FrontendEquivalenceCheckTest {
    private static Backend backend;

    @BeforeAll
    static void open() { backend = Backends.open("cpu"); }

    @AfterAll
    static void close() { backend.close(); }

    @Test
    void theThreeFrontEndsTrainTheMlpAlike() {
        ConformanceSuite.OpPlan plan = FrontendEquivalenceCheck.plan(backend);
        assertEquals(1, plan.checks().size());
        PlannedCheck c = plan.checks().get(0);
        long t0 = System.nanoTime();
        CheckResult r = c.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("front-end equivalence on cpu: %s in %.2f s%n", r.summary(), seconds);
        assertEquals(Status.PASS, r.status(), r::summary);
        assertEquals(2, r.cases(), "graph vs eager and functional vs eager");
        assertEquals(FrontendEquivalenceCheck.RTOL, r.tolerance());
        assertTrue(r.maxError() <= FrontendEquivalenceCheck.RTOL, r::summary);
    }

    @Test
    void theTrajectoryIsANonTrivialTraining() {
        FrontendEquivalenceCheck.Problem p = FrontendEquivalenceCheck.Problem.make();
        double[][] runs = {
                FrontendEquivalenceCheck.eager(backend, p, p.weights(FrontendEquivalenceCheck.FrontEnd.EAGER, null)),
                FrontendEquivalenceCheck.graph(backend, p, p.weights(FrontendEquivalenceCheck.FrontEnd.GRAPH, null)),
                FrontendEquivalenceCheck.functional(backend, p, p.weights(FrontendEquivalenceCheck.FrontEnd.FUNCTIONAL, null))};
        for (double[] l : runs) System.out.println("losses: " + java.util.Arrays.toString(l));
        double[] e = runs[0];
        for (double l : e) assertTrue(l > 0.1 && l < 10, () -> "a plausible cross-entropy of 3 classes: " + java.util.Arrays.toString(e));
        // Same weights, same batches: the loss changes from step to step (the updates are applied).
        assertTrue(java.util.Arrays.stream(e).distinct().count() == e.length, java.util.Arrays.toString(e));
    }

    @Test
    void aDifferentInitialWeightInOneFrontEndFails() {
        for (FrontendEquivalenceCheck.FrontEnd f : FrontendEquivalenceCheck.FrontEnd.values()) {
            CheckResult r = FrontendEquivalenceCheck.run(backend, new FrontendEquivalenceCheck.Perturbation(f, 0.05));
            assertEquals(Status.FAIL, r.status(), () -> f + " perturbed: " + r.summary());
            assertTrue(r.maxError() > FrontendEquivalenceCheck.RTOL, r::summary);
            String expected = switch (f) {
                case GRAPH -> "graph vs eager";
                case FUNCTIONAL -> "functional vs eager";
                case EAGER -> "vs eager";
            };
            assertTrue(r.problems().stream().anyMatch(p -> p.contains(expected) && p.contains("loss trajectories differ")), r::summary);
            // Perturbing eager makes both others differ; perturbing one other leaves the third equal.
            assertEquals(f == FrontendEquivalenceCheck.FrontEnd.EAGER ? 2 : 1, r.problems().size(), r::summary);
        }
    }

    @Test
    void aTinyDifferenceWithinFloatNoiseStillPasses() {
        // A shift far below F32 resolution of the weight changes nothing: the check is not flaky at its tolerance.
        CheckResult r = FrontendEquivalenceCheck.run(backend, new FrontendEquivalenceCheck.Perturbation(FrontendEquivalenceCheck.FrontEnd.GRAPH, 1e-12));
        assertEquals(Status.PASS, r.status(), r::summary);
    }
}
