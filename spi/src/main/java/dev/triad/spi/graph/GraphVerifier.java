package dev.triad.spi.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the invariants of a graph: dense ids, SSA (every input defined by an earlier node,
 * with that node's type), parameters numbered in id order, arity and attributes as the
 * primitive declares them, op types equal to what the shape rule infers, and outputs that
 * refer to existing nodes. Passes run it after rewriting; {@link PassPipeline} does so after
 * every pass.
 */
public final class GraphVerifier {
    private GraphVerifier() {}

    /**
     * Verifies {@code graph}.
     *
     * @throws GraphException naming the first offending node in text form and what is wrong
     */
    public static void verify(Graph graph) {
        int parameters = 0;
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n == null) throw new GraphException("invalid graph: node " + i + " is null");
            if (n.id() != i) throw fail(n, "it is at position " + i + "; node i must have id i");
            switch (n.kind()) {
                case PARAMETER -> {
                    if (n.parameterIndex() != parameters) {
                        throw fail(n, "it is parameter " + n.parameterIndex() + " but " + parameters
                                + " parameter(s) precede it; parameters are numbered in id order");
                    }
                    parameters++;
                }
                case LITERAL -> {
                    // Literal type and data agree by construction (HostArray checks its byte count).
                }
                case OP -> verifyOp(nodes, n);
            }
        }
        List<Value> outputs = graph.outputs();
        for (int k = 0; k < outputs.size(); k++) {
            Value v = outputs.get(k);
            if (v == null) throw new GraphException("invalid graph: output " + k + " is null");
            if (v.id() >= nodes.size()) {
                throw new GraphException("invalid graph: output " + k + " refers to " + v + ", which does not exist (the graph has "
                        + nodes.size() + " nodes)");
            }
            TensorType actual = nodes.get(v.id()).type();
            if (!actual.equals(v.type())) {
                throw new GraphException("invalid graph: output " + k + " " + v + " is declared " + v.type() + " but node "
                        + v + " has type " + actual);
            }
        }
    }

    private static void verifyOp(List<Node> nodes, Node n) {
        List<TensorType> types = new ArrayList<>(n.inputs().size());
        for (int j = 0; j < n.inputs().size(); j++) {
            Value v = n.inputs().get(j);
            if (v == null) throw fail(n, "input " + j + " is null");
            if (v.id() >= n.id()) throw fail(n, "input " + j + " " + v + " is not defined before it (SSA: inputs come first)");
            TensorType defined = nodes.get(v.id()).type();
            if (!defined.equals(v.type())) {
                throw fail(n, "input " + j + " " + v + " is read as " + v.type() + " but is defined as " + defined);
            }
            types.add(v.type());
        }
        TensorType inferred;
        try {
            inferred = n.primitive().inferType(types, n.attrs());
        } catch (RuntimeException e) {
            // Arity, attribute, shape and dtype errors all come from the primitive's own checks.
            throw new GraphException("invalid graph: node `" + n + "`: " + e.getMessage(), e);
        }
        if (!inferred.equals(n.type())) {
            throw fail(n, "it declares type " + n.type() + " but the shape rule of " + n.primitive().name() + " gives " + inferred);
        }
    }

    private static GraphException fail(Node n, String what) {
        return new GraphException("invalid graph: node `" + n + "`: " + what);
    }
}
