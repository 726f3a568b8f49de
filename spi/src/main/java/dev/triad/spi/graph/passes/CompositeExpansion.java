package dev.triad.spi.graph.passes;

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
 * Replaces every composite node a backend has no fused kernel for by its decomposition, at
 * compile time instead of at each run. This is exactly what {@link dev.triad.spi.backend.Dispatch}
 * would do when the node runs, so results do not change; what changes is that the primitives
 * of, say, {@code gelu} or {@code silu} become visible to {@link FusionGrouping} and can run as
 * one kernel. Used by every backend that fuses (OpenCL and CUDA through the shared C-family
 * runtime).
 */
public final class CompositeExpansion implements GraphPass {
    private final Backend backend;

    /** Expands the composites {@code backend} has no fused kernel for. */
    public CompositeExpansion(Backend backend) { this.backend = backend; }

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
