package dev.triad.spi.graph.passes;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.graph.Node;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusionGroupingTest {
    private static final String MLP_TAIL = """
            graph(%0: f32[4,8] "x", %1: f32[8,3] "w", %2: f32[3] "b") {
              %3 = matmul(%0, %1) : f32[4,3]
              %4 = add(%3, %2) : f32[4,3]
              %5 = full() {dtype=f32, shape=[], value=0.0} : f32[]
              %6 = max(%4, %5) : f32[4,3]
              %7 = exp(%6) : f32[4,3]
              %8 = reduce_sum(%7) {axes=[1], keep_dims=true} : f32[4,1]
              %9 = log(%8) : f32[4,1]
              %10 = neg(%9) : f32[4,1]
              return (%10, %6)
            }
            """;

    @Test
    void groupsSingleUseElementwiseChainsOfOneShape() {
        Graph g = GraphText.parse(MLP_TAIL);
        FusionPlan plan = FusionGrouping.of(g);
        // %6 is an output too, so the chain %4 -> %6 ends there; %7 stands alone; %9 -> %10 is a second group.
        assertEquals("""
                fuse(%4, %6) reads (%3, %2, %5) : f32[4,3]
                fuse(%9, %10) reads (%8) : f32[4,1]
                """, plan.toString());
        assertEquals(0, plan.groupOf(4));
        assertEquals(-1, plan.groupOf(7));
        assertTrue(plan.isInterior(4));
        assertFalse(plan.isInterior(6));
        assertEquals(g, plan.graph(), "the plan annotates the graph without changing it");
    }

    @Test
    void aValueUsedTwiceEndsAGroupAndShapesMustAgree() {
        Graph g = GraphText.parse("""
                graph(%0: f32[3], %1: f32[2,3]) {
                  %2 = exp(%0) : f32[3]
                  %3 = neg(%2) : f32[3]
                  %4 = add(%1, %3) : f32[2,3]
                  %5 = mul(%4, %4) : f32[2,3]
                  %6 = tanh(%5) : f32[2,3]
                  return (%6)
                }
                """);
        assertEquals("""
                fuse(%2, %3) reads (%0) : f32[3]
                fuse(%5, %6) reads (%4) : f32[2,3]
                """, FusionGrouping.of(g).toString());
    }

    @Test
    void aBackendCanChooseItsOwnPolicy() {
        Graph g = GraphText.parse(MLP_TAIL);
        FusionGrouping pairs = new FusionGrouping(n -> n.kind() == Node.Kind.OP && n.primitive().isElementwise(), 2);
        assertEquals(2, pairs.plan(g).groups().size());
        FusionGrouping none = new FusionGrouping(n -> false, 8);
        assertEquals("(no groups)\n", none.plan(g).toString());
        assertThrows(IllegalArgumentException.class, () -> new FusionGrouping(n -> true, 1));
    }

    @Test
    void theVerifierRejectsAGroupWhoseInteriorEscapes() {
        Graph g = GraphText.parse(MLP_TAIL);
        FusionPlan bad = new FusionPlan(g, List.of(new FusionPlan.FusionGroup(List.of(4, 6, 7), List.of(g.value(3), g.value(2), g.value(5)),
                g.node(7).type())));
        GraphException e = assertThrows(GraphException.class, bad::verify);
        assertTrue(e.getMessage().contains("interior member %6"), e.getMessage());
    }
}
