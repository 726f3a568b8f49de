package dev.triad.backend.cuda;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.graph.DeadCodeElimination;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces every composite the backend has no fused kernel for by its decomposition at compile
 * time, so that the primitives of {@code gelu}, {@code silu}, ... become visible to fusion.
 * Results are those {@link dev.triad.spi.backend.Dispatch} would give at run time.
 *
 * <p>The OpenCL backend has the same pass; it belongs in {@code spi}'s shared passes, and
 * both copies should be replaced by it once it moves there.
 */
final class CompositeExpansion implements GraphPass {
    private final Backend backend;

    CompositeExpansion(Backend backend) { this.backend = backend; }

    @Override
    public String name() { return "expand-composites"; }

    private boolean expands(Node n) {
        return n.kind() == Node.Kind.OP && n.primitive().isComposite() && !backend.hasFusedKernel(n.primitive());
    }

    @Override
    public Graph apply(Graph graph) {
        boolean any = false;
        for (Node n : graph.nodes()) any |= expands(n);
        if (!any) return graph;
        GraphBuilder b = new GraphBuilder();
        Value[] map = new Value[graph.size()];
        for (Node n : graph.nodes()) {
            List<Value> in = new ArrayList<>(n.inputs().size());
            for (Value v : n.inputs()) in.add(map[v.id()]);
            map[n.id()] = expands(n) ? n.primitive().decompose(b, in, n.attrs()) : b.copy(n, in);
        }
        List<Value> outs = new ArrayList<>(graph.outputs().size());
        for (Value v : graph.outputs()) outs.add(map[v.id()]);
        return DeadCodeElimination.INSTANCE.apply(b.build(outs));
    }
}
