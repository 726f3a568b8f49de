package dev.triad.functional;

import dev.triad.spi.graph.DeadCodeElimination;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits a graph into the part that can be computed now and the part that must wait for some
 * of its parameters (JAX's partial evaluation, as {@code linearize} uses it): a node is
 * unknown when it depends on one of the first {@code unknownParams} parameters. The known
 * graph computes the known outputs and every known value the unknown part reads (the
 * residuals); the unknown graph takes the unknown parameters followed by the residuals.
 */
final class PartialEval {
    private PartialEval() {}

    /**
     * The two halves.
     *
     * @param known parameters: the graph's known parameters in order; outputs: the first
     *     {@code knownOutputs} outputs of the graph, then the residuals
     * @param unknown parameters: the unknown parameters, then the residuals; outputs: the
     *     graph's remaining outputs
     * @param residuals how many residuals there are
     */
    record Split(Graph known, Graph unknown, int residuals) {}

    /**
     * Splits {@code g}.
     *
     * @throws IllegalStateException when one of the first {@code knownOutputs} outputs depends
     *     on an unknown parameter
     */
    static Split split(Graph g, int unknownParams, int knownOutputs) {
        int n = g.size();
        boolean[] unknown = new boolean[n];
        for (Node node : g.nodes()) {
            switch (node.kind()) {
                case PARAMETER -> unknown[node.id()] = node.parameterIndex() < unknownParams;
                case LITERAL -> unknown[node.id()] = false;
                case OP -> {
                    for (Value v : node.inputs()) unknown[node.id()] |= unknown[v.id()];
                }
            }
        }
        List<Value> outputs = g.outputs();
        TreeSet<Integer> residualIds = new TreeSet<>();
        for (Node node : g.nodes()) {
            if (node.kind() != Node.Kind.OP || !unknown[node.id()]) continue;
            for (Value v : node.inputs()) if (!unknown[v.id()]) residualIds.add(v.id());
        }
        for (int i = 0; i < outputs.size(); i++) {
            int id = outputs.get(i).id();
            if (i < knownOutputs && unknown[id]) throw new IllegalStateException("known output " + i + " depends on an unknown parameter");
            if (i >= knownOutputs && !unknown[id]) residualIds.add(id);
        }
        List<Integer> residuals = new ArrayList<>(residualIds);

        GraphBuilder kb = new GraphBuilder();
        Value[] inKnown = new Value[n];
        for (Node node : g.nodes()) {
            if (unknown[node.id()]) continue;
            List<Value> ins = new ArrayList<>(node.inputs().size());
            for (Value v : node.inputs()) ins.add(inKnown[v.id()]);
            inKnown[node.id()] = kb.copy(node, ins);
        }
        List<Value> knownOuts = new ArrayList<>();
        for (int i = 0; i < knownOutputs; i++) knownOuts.add(inKnown[outputs.get(i).id()]);
        for (int id : residuals) knownOuts.add(inKnown[id]);
        Graph known = DeadCodeElimination.INSTANCE.apply(kb.build(knownOuts));

        GraphBuilder ub = new GraphBuilder();
        Value[] inUnknown = new Value[n];
        for (Value p : g.parameters()) {
            if (g.node(p.id()).parameterIndex() < unknownParams) inUnknown[p.id()] = ub.parameter(p.type());
        }
        for (int id : residuals) inUnknown[id] = ub.parameter(g.node(id).type());
        for (Node node : g.nodes()) {
            if (!unknown[node.id()] || node.kind() != Node.Kind.OP) continue;
            List<Value> ins = new ArrayList<>(node.inputs().size());
            for (Value v : node.inputs()) ins.add(inUnknown[v.id()]);
            inUnknown[node.id()] = ub.copy(node, ins);
        }
        List<Value> unknownOuts = new ArrayList<>();
        for (int i = knownOutputs; i < outputs.size(); i++) unknownOuts.add(inUnknown[outputs.get(i).id()]);
        return new Split(known, ub.build(unknownOuts), residuals.size());
    }
}
