package dev.triad.spi.graph.passes;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.PassPipeline;
import dev.triad.spi.graph.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardPipelineTest {
    private static final String BEFORE = """
            graph(%0: f32[2,3] "x") {
              %1 = literal f32[] [2.0]
              %2 = literal f32[] [0.5]
              %3 = mul(%1, %2) : f32[] "one"
              %4 = mul(%0, %3) : f32[2,3]
              %5 = exp(%4) : f32[2,3]
              %6 = exp(%0) : f32[2,3]
              %7 = neg(%6) : f32[2,3]
              %8 = neg(%7) : f32[2,3]
              %9 = add(%5, %8) : f32[2,3]
              return (%9)
            }
            """;

    @Test
    void foldingExposesSimplificationWhichExposesCse() {
        Graph out = StandardPipeline.of(new ScalarBackend()).apply(GraphText.parse(BEFORE));
        assertEquals("""
                graph(%0: f32[2,3] "x") {
                  %1 = exp(%0) : f32[2,3]
                  %2 = add(%1, %1) : f32[2,3]
                  return (%2)
                }
                """, GraphText.print(out));
    }

    @Test
    void withoutABackendNothingIsFolded() {
        Graph out = StandardPipeline.of(null).apply(GraphText.parse(BEFORE));
        assertTrue(GraphText.print(out).contains("mul(%1, %2)"), GraphText.print(out));
    }

    @Test
    void aBackendAddsItsOwnPassesAndTheVerifierGuardsThem() {
        GraphPass renameOutputs = new GraphPass() {
            @Override public Graph apply(Graph g) {
                List<Node> nodes = new ArrayList<>(g.nodes());
                int last = g.outputs().get(0).id();
                nodes.set(last, nodes.get(last).withName("result"));
                return Graph.of(nodes, g.outputs());
            }
            @Override public String name() { return "name-result"; }
        };
        PassPipeline p = StandardPipeline.builder().constantFolding(new ScalarBackend()).after(renameOutputs).build();
        assertTrue(GraphText.print(p.apply(GraphText.parse(BEFORE))).contains("\"result\""));

        GraphPass broken = new GraphPass() {
            @Override public Graph apply(Graph g) {
                Value wrong = new Value(g.size() + 5, g.outputs().get(0).type());
                return Graph.of(g.nodes(), List.of(wrong));
            }
            @Override public String name() { return "broken"; }
        };
        GraphException e = assertThrows(GraphException.class, () -> StandardPipeline.builder().before(broken).build().apply(GraphText.parse(BEFORE)));
        assertTrue(e.getMessage().contains("pass 'broken' produced an invalid graph"), e.getMessage());
    }

    @Test
    void anOptimalGraphComesBackAsTheSameObject() {
        Graph g = GraphText.parse("""
                graph(%0: f32[2]) {
                  %1 = exp(%0) : f32[2]
                  return (%1)
                }
                """);
        assertSame(g, StandardPipeline.of(new ScalarBackend()).apply(g));
    }
}
