package dev.triad.spi.graph.passes;

import dev.triad.spi.graph.DeadCodeElimination;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a graph node by node into a fresh {@link GraphBuilder}, asking a rule for each
 * literal and op whether to replace it. Replacements may read any value already in the new
 * builder (which is how chains collapse in one sweep: a rule sees the already simplified
 * inputs). Nodes that become unused are removed by a final dead-code sweep.
 */
final class Rewriter {
    private Rewriter() {}

    /** Decides about one node. */
    interface Rule {
        /**
         * The value that replaces {@code node}, or null to copy it unchanged.
         *
         * @param b the new graph so far; inspect producers with {@code b.node(v.id())}
         * @param node the node in the old graph
         * @param inputs its inputs, already mapped into {@code b}
         */
        Value rewrite(GraphBuilder b, Node node, List<Value> inputs);

        /** Called after {@code node} was copied unchanged as {@code copy}. */
        default void copied(Node node, Value copy) {}
    }

    /** The rewritten graph, or {@code graph} itself when the rule never replaced a node. */
    static Graph rewrite(Graph graph, Rule rule) {
        GraphBuilder b = new GraphBuilder();
        Value[] moved = new Value[graph.size()];
        boolean changed = false;
        for (Node node : graph.nodes()) {
            List<Value> inputs = new ArrayList<>(node.inputs().size());
            for (Value v : node.inputs()) inputs.add(moved[v.id()]);
            Value replaced = node.kind() == Node.Kind.PARAMETER ? null : rule.rewrite(b, node, inputs);
            if (replaced != null) {
                if (!replaced.type().equals(node.type())) {
                    throw new IllegalStateException("rewrite of `" + node + "` gave a value of type " + replaced.type());
                }
                changed = true;
                moved[node.id()] = replaced;
            } else {
                moved[node.id()] = b.copy(node, inputs);
                if (node.kind() != Node.Kind.PARAMETER) rule.copied(node, moved[node.id()]);
            }
        }
        if (!changed) return graph;
        List<Value> outputs = new ArrayList<>(graph.outputs().size());
        for (Value v : graph.outputs()) outputs.add(moved[v.id()]);
        return DeadCodeElimination.INSTANCE.apply(b.build(outputs));
    }
}
