package dev.triad.spi.graph;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * The default {@link Executable}: runs a graph node by node on a backend through
 * {@link Dispatch}, so composites without a fused kernel run as their decompositions.
 *
 * <p>Literals are uploaded once, when the interpreter is made, and kept until it is closed.
 * Nodes that no output depends on are not run. Each intermediate is closed right after its
 * last use, so during a run only the values still needed are alive, and after it the
 * allocator holds only the outputs (which the caller owns) and the literals.
 *
 * <p>Runs share nothing mutable but the literal arrays, which they only read.
 */
public final class Interpreter implements Executable {
    private final Backend backend;
    private final Graph graph;
    private final DeviceArray[] literals;
    // Reads of each node by the nodes the outputs depend on, plus one per output occurrence.
    private final int[] uses;
    private final boolean[] needed;
    private volatile boolean closed;

    /**
     * Verifies {@code graph} and uploads its literals to {@code backend}.
     *
     * @throws dev.triad.spi.error.GraphException when the graph is invalid
     */
    public Interpreter(Backend backend, Graph graph) {
        GraphVerifier.verify(graph);
        this.backend = backend;
        this.graph = graph;
        GraphRuns.Liveness live = GraphRuns.Liveness.of(graph);
        this.needed = live.needed();
        this.uses = live.uses();
        this.literals = GraphRuns.uploadLiterals(graph, backend, needed);
    }

    /** The graph this interpreter runs. */
    public Graph graph() { return graph; }

    @Override
    public List<TensorType> inputTypes() { return graph.parameterTypes(); }

    @Override
    public List<TensorType> outputTypes() { return graph.outputTypes(); }

    @Override
    public List<DeviceArray> run(List<DeviceArray> inputs) {
        if (closed) throw new IllegalStateException("this executable was closed");
        return GraphRuns.run(graph, backend, inputs, uses, needed, literals, (node, run) -> {
            List<DeviceArray> args = new ArrayList<>(node.inputs().size());
            for (Value v : node.inputs()) args.add(run.values()[v.id()]);
            run.own(node.id(), Dispatch.execute(backend, node.primitive(), node.attrs(), args));
            for (Value v : node.inputs()) run.release(v.id());
        });
    }

    /** Closes the uploaded literals. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        GraphRuns.closeAll(literals);
    }
}
