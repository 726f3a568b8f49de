package dev.triad.spi.graph.passes;

import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphText;
import org.junit.jupiter.api.Test;

import static dev.triad.spi.graph.passes.PassAssertions.assertRewrites;
import static dev.triad.spi.graph.passes.PassAssertions.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConstantFoldingTest {
    private final ScalarBackend backend = new ScalarBackend();

    @Test
    void evaluatesOpsOfLiteralsIntoALiteral() {
        assertRewrites(new ConstantFolding(backend), """
                graph(%0: f32[2] "x") {
                  %1 = literal f32[2] [1.0, 2.0]
                  %2 = literal f32[2] [0.5, 0.25]
                  %3 = mul(%1, %2) : f32[2] "scale"
                  %4 = neg(%3) : f32[2]
                  %5 = add(%0, %4) : f32[2]
                  return (%5)
                }
                """, """
                graph(%0: f32[2] "x") {
                  %1 = literal f32[2] [-0.5, -0.5]
                  %2 = add(%0, %1) : f32[2]
                  return (%2)
                }
                """);
        assertEquals(0, backend.allocator().stats().liveBytes(), "folding frees what it evaluated");
    }

    @Test
    void foldsElementwiseOpsOfFullsIntoOneFullOfAnySize() {
        assertRewrites(new ConstantFolding(backend, 4), """
                graph(%0: f32[100,100]) {
                  %1 = full() {dtype=f32, shape=[100,100], value=2.0} : f32[100,100]
                  %2 = full() {dtype=f32, shape=[], value=3.0} : f32[]
                  %3 = mul(%1, %2) : f32[100,100]
                  %4 = add(%0, %3) : f32[100,100]
                  return (%4)
                }
                """, """
                graph(%0: f32[100,100]) {
                  %1 = full() {dtype=f32, shape=[100,100], value=6.0} : f32[100,100]
                  %2 = add(%0, %1) : f32[100,100]
                  return (%2)
                }
                """);
    }

    @Test
    void respectsTheSizeCapAndNeverMaterialisesBroadcasts() {
        assertUnchanged(new ConstantFolding(backend, 3), """
                graph() {
                  %0 = literal f32[4] [1.0, 2.0, 3.0, 4.0]
                  %1 = exp(%0) : f32[4]
                  %2 = literal f32[] [1.5]
                  %3 = broadcast_to(%2) {shape=[2]} : f32[2]
                  return (%1, %3)
                }
                """);
    }

    @Test
    void leavesOpsTheBackendCannotRunForRunTime() {
        assertUnchanged(new ConstantFolding(backend), """
                graph() {
                  %0 = literal f32[2] [1.0, 2.0]
                  %1 = tanh(%0) : f32[2]
                  return (%1)
                }
                """);
    }

    @Test
    void foldsThroughIotaAndReshape() {
        Graph out = new ConstantFolding(backend).apply(GraphText.parse("""
                graph() {
                  %0 = iota() {axis=1, dtype=f32, shape=[2,2]} : f32[2,2]
                  %1 = reshape(%0) {shape=[4]} : f32[4]
                  return (%1)
                }
                """));
        assertEquals("""
                graph() {
                  %0 = literal f32[4] [0.0, 1.0, 0.0, 1.0]
                  return (%0)
                }
                """, GraphText.print(out));
    }

    @Test
    void rejectsABadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantFolding(null));
        assertThrows(IllegalArgumentException.class, () -> new ConstantFolding(backend, 0));
    }
}
