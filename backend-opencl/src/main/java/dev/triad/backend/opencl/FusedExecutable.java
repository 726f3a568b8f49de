package dev.triad.backend.opencl;

import dev.triad.backend.opencl.kernels.Exec;
import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.FusedEmitter;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Programs;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphRuns;
import dev.triad.spi.graph.GraphVerifier;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionGrouping;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.jocl.cl_kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for the OpenCL backend. Composites are expanded into primitives, the shared
 * {@link FusionGrouping} finds chains of elementwise ops, and each chain becomes one generated
 * kernel ({@link FusedEmitter}) that reads the chain's inputs once and writes only its result;
 * every other node runs through {@link Dispatch} as in the interpreter. All fused kernels of a
 * graph form one program, built (or loaded from the program cache) when the graph is compiled,
 * so compile errors surface at {@code compile} and the first run is not slower than the rest.
 *
 * <p>A chain reading more inputs than a fused kernel takes ({@link FusedEmitter#maxInputs()})
 * runs op by op. Memory discipline follows the interpreter: literals are uploaded once, each
 * intermediate is closed after its last use, and the caller owns the outputs.
 */
final class FusedExecutable implements Executable {
    private final OpenClBackend backend;
    private final Exec exec;
    private final Graph graph;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    /** For each node: the fused group it belongs to (usable groups only), or -1. */
    private final int[] groupOf;
    private final List<FusionPlan.FusionGroup> groups = new ArrayList<>();
    private final List<cl_kernel> kernels = new ArrayList<>();
    private final List<String> kernelNames = new ArrayList<>();
    private final int[] uses;
    private final boolean[] needed;
    private final DeviceArray[] literals;
    private final String programText;
    private volatile boolean closed;

    FusedExecutable(OpenClBackend backend, Graph original) {
        GraphVerifier.verify(original);
        this.backend = backend;
        this.exec = new Exec(backend.runtime(), backend);
        this.inputTypes = original.parameterTypes();
        this.outputTypes = original.outputTypes();
        this.graph = new CompositeExpansion(backend).apply(original);
        FusionPlan plan = new FusionGrouping(this::fusable, 64).plan(graph);
        int n = graph.size();
        this.groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        StringBuilder kernelText = new StringBuilder();
        for (FusionPlan.FusionGroup g : plan.groups()) {
            if (g.inputs().size() > FusedEmitter.maxInputs()) continue; // runs op by op
            int index = groups.size();
            groups.add(g);
            for (int id : g.members()) groupOf[id] = index;
            String name = "fused_" + index;
            kernelNames.add(name);
            kernelText.append(emit(name, g));
        }
        // Reads of each node by what the outputs need: a fused root reads its group's inputs, interior members are never run.
        this.needed = new boolean[n];
        this.uses = new int[n];
        for (Value v : graph.outputs()) {
            needed[v.id()] = true;
            uses[v.id()]++;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!needed[i]) continue;
            for (Value v : reads(i)) {
                needed[v.id()] = true;
                uses[v.id()]++;
            }
        }
        if (!groups.isEmpty()) {
            String source = Programs.header(OpenClDialect.INSTANCE, backend.runtime().options()) + kernelText;
            ProgramSource src = new ProgramSource("triad_fused_" + Integer.toHexString(source.hashCode()), source, kernelNames);
            for (String k : kernelNames) kernels.add(backend.runtime().kernel(src, k));
            this.programText = source;
        } else {
            this.programText = "";
        }
        this.literals = new DeviceArray[n];
        try {
            for (Node node : graph.nodes()) {
                if (node.kind() == Node.Kind.LITERAL && needed[node.id()]) literals[node.id()] = backend.upload(node.literal());
            }
        } catch (RuntimeException e) {
            closeLiterals();
            throw e;
        }
    }

    /** Which op nodes may join a group: elementwise ops whose dtypes the device computes in. */
    private boolean fusable(Node n) {
        if (n.kind() != Node.Kind.OP || !n.primitive().isElementwise()) return false;
        boolean fp64 = backend.deviceInfo().fp64();
        if (n.type().dtype() == DType.F64 && !fp64) return false;
        for (Value v : n.inputs()) if (v.type().dtype() == DType.F64 && !fp64) return false;
        return true;
    }

    private List<Value> reads(int id) {
        int g = groupOf[id];
        if (g < 0) return graph.node(id).inputs();
        return groups.get(g).root() == id ? groups.get(g).inputs() : List.of();
    }

    private String emit(String name, FusionPlan.FusionGroup g) {
        Map<Integer, Integer> index = new HashMap<>();
        List<DType> inTypes = new ArrayList<>();
        for (Value v : g.inputs()) {
            index.put(v.id(), inTypes.size());
            inTypes.add(v.type().dtype());
        }
        List<FusedEmitter.Step> steps = new ArrayList<>();
        for (int id : g.members()) {
            Node node = graph.node(id);
            int[] args = new int[node.inputs().size()];
            for (int i = 0; i < args.length; i++) args[i] = index.get(node.inputs().get(i).id());
            index.put(id, inTypes.size() + steps.size());
            steps.add(new FusedEmitter.Step(node.primitive(), node.attrs(), args, node.type().dtype()));
        }
        return FusedEmitter.kernel(name, inTypes, steps);
    }

    /** The number of fused kernels (groups) this graph compiled to. */
    int fusedKernels() { return kernels.size(); }

    /** The generated source of the fused kernels (empty when none), for tests and diagnostics. */
    String source() { return programText; }

    /** The graph after composite expansion, which the plan and the runs use. */
    Graph expandedGraph() { return graph; }

    @Override
    public List<TensorType> inputTypes() { return inputTypes; }

    @Override
    public List<TensorType> outputTypes() { return outputTypes; }

    @Override
    public List<DeviceArray> run(List<DeviceArray> inputs) {
        if (closed) throw new IllegalStateException("this executable was closed");
        GraphRuns.checkInputs(graph, backend, inputs);
        int n = graph.size();
        DeviceArray[] values = new DeviceArray[n];
        int[] remaining = uses.clone();
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
                        int g = groupOf[id];
                        if (g >= 0) {
                            values[id] = launch(g, values);
                        } else {
                            List<DeviceArray> args = new ArrayList<>(node.inputs().size());
                            for (Value v : node.inputs()) args.add(values[v.id()]);
                            values[id] = Dispatch.execute(backend, node.primitive(), node.attrs(), args);
                        }
                        owned[id] = true;
                        for (Value v : reads(id)) GraphRuns.release(v.id(), values, remaining, owned);
                    }
                }
            }
            return GraphRuns.collectOutputs(graph, values, owned);
        } catch (RuntimeException e) {
            for (int i = 0; i < n; i++) if (owned[i] && values[i] != null) values[i].close();
            throw e;
        }
    }

    private DeviceArray launch(int g, DeviceArray[] values) {
        FusionPlan.FusionGroup group = groups.get(g);
        DeviceArray out = exec.temp(group.type());
        try {
            Shape s = group.type().shape();
            List<Strided> operands = new ArrayList<>();
            operands.add(Exec.layout(out));
            Object[] args = new Object[group.inputs().size() + 2];
            args[0] = Exec.mem(out);
            for (int j = 0; j < group.inputs().size(); j++) {
                DeviceArray in = values[group.inputs().get(j).id()];
                operands.add(Exec.broadcast(in, s));
                args[j + 1] = Exec.mem(in);
            }
            String name = kernelNames.get(g);
            long[] meta = ElementwiseMeta.pack(name, s.toArray(), operands, ElementwiseMeta.arityFor(operands.size()));
            args[args.length - 1] = meta;
            if (meta[1] > 0) {
                ClRuntime rt = backend.runtime();
                rt.launch(graph.node(group.root()).primitive().name() + " (fused)", kernels.get(g), name,
                        new long[] {rt.linearGlobal(meta[1])}, new long[] {rt.linearLocal()}, args);
            }
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
