package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.Dialect;
import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphRuns;
import dev.triad.spi.graph.GraphVerifier;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.CompositeExpansion;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A graph compiled for a C-family backend. Composites are expanded into primitives
 * ({@link CompositeExpansion}), elementwise chains become one generated kernel each
 * ({@link FusedPlan}) that reads the chain's inputs once and writes only its result, and every
 * other node runs through {@link Dispatch} as in the interpreter. All fused kernels of a graph
 * form one program, built (or loaded from the backend's cache) when the graph is compiled, so
 * compile errors surface at {@code compile} and the first run is not slower than the rest.
 *
 * <p>Memory discipline follows the interpreter: literals are uploaded once, each intermediate
 * is closed after its last use, and the caller owns the outputs.
 */
public final class FusedExecutable implements Executable {
    private final Backend backend;
    private final Launcher launcher;
    private final FusedPlan plan;
    private final Graph graph;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    private final ProgramSource program;
    private final int[] uses;
    private final boolean[] needed;
    private final DeviceArray[] literals;
    private volatile boolean closed;

    /**
     * Compiles {@code original} for {@code launcher}'s backend, fusing the elementwise nodes
     * {@code computable} accepts, with kernels in {@code dialect}.
     */
    public FusedExecutable(Launcher launcher, Graph original, Dialect dialect, EmitOptions options, Predicate<Node> computable) {
        GraphVerifier.verify(original);
        this.launcher = launcher;
        this.backend = launcher.backend();
        this.inputTypes = original.parameterTypes();
        this.outputTypes = original.outputTypes();
        this.graph = new CompositeExpansion(backend).apply(original);
        this.plan = new FusedPlan(graph, dialect, options, computable);
        this.uses = plan.uses();
        this.needed = plan.needed();
        if (plan.groups().isEmpty()) {
            this.program = null;
        } else {
            String src = plan.source();
            this.program = new ProgramSource("triad_fused_" + Integer.toHexString(src.hashCode()), src, plan.kernelNames());
            launcher.prepare(program);
        }
        this.literals = GraphRuns.uploadLiterals(graph, backend, needed);
    }

    /** The number of fused kernels (groups) this graph compiled to. */
    public int fusedKernels() { return plan.groups().size(); }

    /** The generated source of the fused kernels (empty when none), for tests and diagnostics. */
    public String source() { return plan.source(); }

    /** The graph after composite expansion, which the plan and the runs use. */
    public Graph expandedGraph() { return graph; }

    @Override
    public List<TensorType> inputTypes() { return inputTypes; }

    @Override
    public List<TensorType> outputTypes() { return outputTypes; }

    @Override
    public List<DeviceArray> run(List<DeviceArray> inputs) {
        if (closed) throw new IllegalStateException("this executable was closed");
        return GraphRuns.run(graph, backend, inputs, uses, needed, literals, (node, run) -> {
            int id = node.id(), g = plan.groupOf(id);
            if (g >= 0) {
                run.own(id, launch(g, run.values()));
            } else {
                List<DeviceArray> args = new ArrayList<>(node.inputs().size());
                for (Value v : node.inputs()) args.add(run.values()[v.id()]);
                run.own(id, Dispatch.execute(backend, node.primitive(), node.attrs(), args));
            }
            for (Value v : plan.reads(id)) run.release(v.id());
        });
    }

    private DeviceArray launch(int g, DeviceArray[] values) {
        FusionPlan.FusionGroup group = plan.groups().get(g);
        DeviceArray out = launcher.temp(group.type());
        try {
            Shape s = group.type().shape();
            List<Strided> operands = new ArrayList<>();
            operands.add(Launcher.layout(out));
            Object[] args = new Object[group.inputs().size() + 2];
            args[0] = launcher.bufferArg(out);
            for (int j = 0; j < group.inputs().size(); j++) {
                DeviceArray in = values[group.inputs().get(j).id()];
                operands.add(Launcher.broadcast(in, s));
                args[j + 1] = launcher.bufferArg(in);
            }
            String name = plan.kernelNames().get(g);
            long[] meta = ElementwiseMeta.pack(name, s.toArray(), operands, ElementwiseMeta.arityFor(operands.size()));
            args[args.length - 1] = meta;
            launcher.linearProgram(graph.node(group.root()).primitive().name() + " (fused)", program, name, meta[1], args);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        GraphRuns.closeAll(literals);
    }
}
