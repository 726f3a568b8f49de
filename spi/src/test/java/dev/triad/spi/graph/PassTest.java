package dev.triad.spi.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassTest {
    private static GraphPass pass(String name, UnaryOperator<Graph> f) {
        return new GraphPass() {
            @Override public Graph apply(Graph g) { return f.apply(g); }
            @Override public String name() { return name; }
        };
    }

    @Test
    void deadCodeEliminationRemovesWhatNoOutputNeeds() {
        Graph before = GraphText.parse("""
                graph(%0: f32[2] "x", %1: f32[2] "unused") {
                  %2 = neg(%0) : f32[2]
                  %3 = exp(%2) : f32[2] "dead"
                  %4 = literal f32[2] [1.0, 2.0]
                  %5 = literal f32[1] [7.0]
                  %6 = add(%0, %4) : f32[2] "y"
                  %7 = mul(%6, %6) : f32[2]
                  return (%7, %6, %0)
                }
                """);
        Graph after = DeadCodeElimination.INSTANCE.apply(before);
        assertEquals("""
                graph(%0: f32[2] "x", %1: f32[2] "unused") {
                  %2 = literal f32[2] [1.0, 2.0]
                  %3 = add(%0, %2) : f32[2] "y"
                  %4 = mul(%3, %3) : f32[2]
                  return (%4, %3, %0)
                }
                """, GraphText.print(after));
        assertSame(after, DeadCodeElimination.INSTANCE.apply(after), "nothing to remove gives the same graph");
    }

    @Test
    void deadCodeEliminationKeepsInterleavedParameters() {
        Graph before = GraphText.parse("""
                graph(%0: f32[2], %2: f32[2]) {
                  %1 = neg(%0) : f32[2]
                  %3 = exp(%2) : f32[2]
                  return (%3)
                }
                """);
        assertEquals("""
                graph(%0: f32[2], %1: f32[2]) {
                  %2 = exp(%1) : f32[2]
                  return (%2)
                }
                """, GraphText.print(DeadCodeElimination.INSTANCE.apply(before)));
    }

    @Test
    void pipelineRunsPassesInOrder() {
        List<String> seen = new ArrayList<>();
        Graph g = GraphText.parse("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n  return (%0)\n}");
        PassPipeline p = PassPipeline.of(pass("first", x -> { seen.add("first"); return x; }), DeadCodeElimination.INSTANCE,
                pass("last", x -> { seen.add("last " + x.size()); return x; }));
        assertEquals(1, p.apply(g).size());
        assertEquals(List.of("first", "last 1"), seen);
        assertEquals("pipeline(first, dce, last)", p.name());
    }

    @Test
    void pipelineNamesThePassThatBrokeTheGraph() {
        Graph g = GraphText.parse("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n  return (%1)\n}");
        GraphPass broken = pass("broken", x -> Graph.of(List.of(x.node(0),
                Node.op(1, Prims.NEG, Attrs.EMPTY, List.of(x.value(0)), TensorType.of(DType.F64, 2))), List.of()));
        GraphException e = assertThrows(GraphException.class, () -> PassPipeline.of(broken).apply(g));
        assertTrue(e.getMessage().startsWith("pass 'broken' produced an invalid graph: invalid graph: node `%1 = neg(%0) : f64[2]`"),
                e.getMessage());

        GraphPass dropsOutput = pass("drops", x -> Graph.of(x.nodes(), List.of()));
        e = assertThrows(GraphException.class, () -> PassPipeline.of(dropsOutput).apply(g));
        assertEquals("pass 'drops' changed the graph's signature from [f32[2]] -> [f32[2]] to [f32[2]] -> []", e.getMessage());
    }
}
