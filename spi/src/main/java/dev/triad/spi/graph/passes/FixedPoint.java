package dev.triad.spi.graph.passes;

import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphPass;

/**
 * Repeats a pass until it changes nothing (returns its input object) or a round limit is
 * reached: one pass's rewrite often enables another's (folding exposes a {@code x * 1}, which
 * exposes a common subexpression), so a pipeline is worth running more than once.
 */
public final class FixedPoint implements GraphPass {
    private final GraphPass pass;
    private final int maxRounds;

    /**
     * Repeats {@code pass} at most {@code maxRounds} times.
     *
     * @param pass the pass (usually a {@link dev.triad.spi.graph.PassPipeline}, which verifies after each step)
     * @param maxRounds the round limit (at least 1)
     */
    public FixedPoint(GraphPass pass, int maxRounds) {
        if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        this.pass = pass;
        this.maxRounds = maxRounds;
    }

    /** The repeated pass. */
    public GraphPass pass() { return pass; }

    @Override
    public Graph apply(Graph graph) {
        Graph g = graph;
        for (int round = 0; round < maxRounds; round++) {
            Graph next = pass.apply(g);
            if (next == g) break;
            g = next;
        }
        return g;
    }

    @Override
    public String name() { return "fixpoint(" + pass.name() + ")"; }
}
