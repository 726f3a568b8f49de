package dev.triad.functional;

import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-interprets a traced graph under whatever traces are active: each node's primitive is
 * applied with {@link Core#bind} to the values its inputs stand for. This is how a transformation
 * of a jitted function ({@code grad(jit(f))}, {@code vmap(jit(f))}) transforms the graph that
 * {@code jit} traced instead of running the Java code again.
 */
final class GraphEval {
    private GraphEval() {}

    /** The graph's outputs for {@code inputs}, one per parameter in signature order. */
    static List<Array> interpret(Graph graph, List<Array> inputs) {
        Array[] values = new Array[graph.size()];
        List<Value> params = graph.parameters();
        if (params.size() != inputs.size()) {
            throw new IllegalStateException("graph has " + params.size() + " parameters but got " + inputs.size() + " inputs");
        }
        for (int k = 0; k < params.size(); k++) values[params.get(k).id()] = inputs.get(k);
        for (Node node : graph.nodes()) {
            switch (node.kind()) {
                case PARAMETER -> { }
                case LITERAL -> values[node.id()] = Core.constant(node.literal());
                case OP -> {
                    List<Array> args = new ArrayList<>(node.inputs().size());
                    for (Value v : node.inputs()) args.add(values[v.id()]);
                    values[node.id()] = Core.bind(node.primitive(), node.attrs(), args);
                }
            }
        }
        List<Array> out = new ArrayList<>(graph.outputs().size());
        for (Value v : graph.outputs()) out.add(values[v.id()]);
        return out;
    }
}
