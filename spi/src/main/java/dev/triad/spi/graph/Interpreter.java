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
        int n = graph.size();
        this.needed = new boolean[n];
        this.uses = new int[n];
        for (Value v : graph.outputs()) {
            needed[v.id()] = true;
            uses[v.id()]++;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!needed[i]) continue;
            for (Value v : graph.node(i).inputs()) {
                needed[v.id()] = true;
                uses[v.id()]++;
            }
        }
        this.literals = new DeviceArray[n];
        try {
            for (Node node : graph.nodes()) {
                if (node.kind() == Node.Kind.LITERAL && needed[node.id()]) literals[node.id()] = backend.upload(node.literalData());
            }
        } catch (RuntimeException e) {
            closeLiterals();
            throw e;
        }
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
        GraphRuns.checkInputs(graph, backend, inputs);
        int n = graph.size();
        DeviceArray[] values = new DeviceArray[n];
        int[] remaining = uses.clone();
        // Arrays this run made (op results): the run closes them; parameters and literals are not its own.
        boolean[] owned = new boolean[n];
        List<Value> params = graph.parameters();
        for (int k = 0; k < params.size(); k++) values[params.get(k).id()] = inputs.get(k);
        try {
            for (Node node : graph.nodes()) {
                int id = node.id();
                if (!needed[id]) continue;
                switch (node.kind()) {
                    case PARAMETER -> { }
                    case LITERAL -> values[id] = literals[id];
                    case OP -> {
                        List<DeviceArray> args = new ArrayList<>(node.inputs().size());
                        for (Value v : node.inputs()) args.add(values[v.id()]);
                        values[id] = Dispatch.execute(backend, node.primitive(), node.attrs(), args);
                        owned[id] = true;
                        for (Value v : node.inputs()) GraphRuns.release(v.id(), values, remaining, owned);
                    }
                }
            }
            return GraphRuns.collectOutputs(graph, values, owned);
        } catch (RuntimeException e) {
            for (int i = 0; i < n; i++) {
                if (owned[i] && values[i] != null) values[i].close();
            }
            throw e;
        }
    }

    /** Closes the uploaded literals. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeLiterals();
    }

    private void closeLiterals() {
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null) {
                literals[i].close();
                literals[i] = null;
            }
        }
    }
}
