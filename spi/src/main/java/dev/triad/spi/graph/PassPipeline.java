package dev.triad.spi.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs passes in order and verifies the graph before the first and after each one, so a pass
 * that breaks an invariant is named at once rather than surfacing later in a backend. Also
 * checks that each pass kept the signature (parameter and output types).
 */
public final class PassPipeline implements GraphPass {
    private final List<GraphPass> passes;

    /** A pipeline of {@code passes}, run in order. */
    public PassPipeline(List<GraphPass> passes) { this.passes = List.copyOf(passes); }

    /** A pipeline of {@code passes}, run in order. */
    public static PassPipeline of(GraphPass... passes) { return new PassPipeline(List.of(passes)); }

    /** The passes, in order. */
    public List<GraphPass> passes() { return passes; }

    /**
     * Runs every pass.
     *
     * @throws GraphException when the input is invalid, or naming the pass whose result is
     *     invalid or has another signature
     */
    @Override
    public Graph apply(Graph graph) {
        GraphVerifier.verify(graph);
        Graph g = graph;
        for (GraphPass pass : passes) {
            Graph next = pass.apply(g);
            if (next == null) throw new GraphException("pass '" + pass.name() + "' returned no graph");
            if (next == g) continue;
            try {
                GraphVerifier.verify(next);
            } catch (GraphException e) {
                throw new GraphException("pass '" + pass.name() + "' produced an invalid graph: " + e.getMessage(), e);
            }
            checkSignature(pass, g, next);
            g = next;
        }
        return g;
    }

    private static void checkSignature(GraphPass pass, Graph before, Graph after) {
        List<TensorType> pb = before.parameterTypes(), pa = after.parameterTypes();
        List<TensorType> ob = before.outputTypes(), oa = after.outputTypes();
        if (!pb.equals(pa) || !ob.equals(oa)) {
            throw new GraphException("pass '" + pass.name() + "' changed the graph's signature from " + pb + " -> " + ob
                    + " to " + pa + " -> " + oa);
        }
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>();
        for (GraphPass p : passes) names.add(p.name());
        return "pipeline(" + String.join(", ", names) + ")";
    }
}
