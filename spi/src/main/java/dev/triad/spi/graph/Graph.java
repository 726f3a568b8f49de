package dev.triad.spi.graph;

import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable SSA graph: nodes in topological order, where node {@code i} has id {@code i}
 * and reads only earlier nodes; parameters (the typed inputs, in signature order) are nodes
 * too; the outputs are values of the graph. Equality is structural and ignores node names,
 * so {@code GraphText.parse(GraphText.print(g)).equals(g)}.
 *
 * <p>Graphs come from {@link GraphBuilder} (checked as they are built) or, for passes that
 * assemble nodes directly, from {@link #of} (checked by {@link GraphVerifier}).
 */
public final class Graph {
    private final List<Node> nodes;
    private final List<Value> outputs;
    private final List<Value> parameters;
    private int hash;

    private Graph(List<Node> nodes, List<Value> outputs) {
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
        List<Value> params = new ArrayList<>();
        for (Node n : this.nodes) if (n.kind() == Node.Kind.PARAMETER) params.add(n.value());
        this.parameters = List.copyOf(params);
    }

    /**
     * A graph of these nodes and outputs, without checks beyond non-null: run
     * {@link GraphVerifier#verify} before trusting it. Passes that rebuild with
     * {@link GraphBuilder} need not call this.
     */
    public static Graph of(List<Node> nodes, List<Value> outputs) {
        return new Graph(nodes, outputs);
    }

    /** The nodes in topological order; {@code nodes().get(i).id() == i}. */
    public List<Node> nodes() { return nodes; }

    /** Node {@code id}. */
    public Node node(int id) { return nodes.get(id); }

    /** Number of nodes. */
    public int size() { return nodes.size(); }

    /** A reference to node {@code id}'s result. */
    public Value value(int id) { return nodes.get(id).value(); }

    /** The parameter values, in signature order. */
    public List<Value> parameters() { return parameters; }

    /** The parameter types, in signature order. */
    public List<TensorType> parameterTypes() { return types(parameters); }

    /** The outputs, in order (a value may appear more than once). */
    public List<Value> outputs() { return outputs; }

    /** The output types, in order. */
    public List<TensorType> outputTypes() { return types(outputs); }

    private static List<TensorType> types(List<Value> values) {
        List<TensorType> t = new ArrayList<>(values.size());
        for (Value v : values) t.add(v.type());
        return List.copyOf(t);
    }

    /**
     * How often each node's value is read, by later nodes (once per input slot) and by the
     * outputs (once per occurrence). Index by node id; a fresh array each call.
     */
    public int[] useCounts() {
        int[] uses = new int[nodes.size()];
        for (Node n : nodes) for (Value v : n.inputs()) if (v.id() < uses.length) uses[v.id()]++;
        for (Value v : outputs) if (v.id() < uses.length) uses[v.id()]++;
        return uses;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Graph g && nodes.equals(g.nodes) && outputs.equals(g.outputs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(nodes, outputs);
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    /** The full text form, as {@link GraphText#print(Graph)} writes it. */
    @Override
    public String toString() { return GraphText.print(this); }
}
