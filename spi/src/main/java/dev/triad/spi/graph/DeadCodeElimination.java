package dev.triad.spi.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the ops and literals no output depends on and renumbers the rest densely, keeping
 * their order and names. Parameters always stay, even unused ones: they are the graph's
 * signature, which callers of an executable rely on.
 */
public final class DeadCodeElimination implements GraphPass {
    /** The shared instance (stateless). */
    public static final DeadCodeElimination INSTANCE = new DeadCodeElimination();

    private DeadCodeElimination() {}

    @Override
    public Graph apply(Graph graph) {
        int n = graph.size();
        boolean[] live = new boolean[n];
        for (Value v : graph.outputs()) live[v.id()] = true;
        boolean removes = false;
        // Nodes only read earlier nodes, so one backward sweep finds everything the outputs need.
        for (int i = n - 1; i >= 0; i--) {
            Node node = graph.node(i);
            if (node.kind() == Node.Kind.PARAMETER) live[i] = true;
            if (!live[i]) {
                removes = true;
                continue;
            }
            for (Value v : node.inputs()) live[v.id()] = true;
        }
        if (!removes) return graph;
        GraphBuilder b = new GraphBuilder();
        Value[] moved = new Value[n];
        for (Node node : graph.nodes()) {
            if (!live[node.id()]) continue;
            List<Value> inputs = new ArrayList<>(node.inputs().size());
            for (Value v : node.inputs()) inputs.add(moved[v.id()]);
            moved[node.id()] = b.copy(node, inputs);
        }
        List<Value> outputs = new ArrayList<>(graph.outputs().size());
        for (Value v : graph.outputs()) outputs.add(moved[v.id()]);
        return b.build(outputs);
    }

    @Override
    public String name() { return "dce"; }
}
