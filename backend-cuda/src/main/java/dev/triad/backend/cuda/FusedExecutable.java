package dev.triad.backend.cuda;

import dev.triad.backend.cuda.kernels.Exec;
import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphRuns;
import dev.triad.spi.graph.GraphVerifier;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.bytedeco.cuda.cudart.CUfunc_st;

import java.util.ArrayList;
import java.util.List;

/**
 * A graph compiled for the CUDA backend: composites expanded, elementwise chains fused into
 * NVRTC kernels ({@link FusedPlan}), compiled (or loaded from the module cache) at compile
 * time so that compile errors surface here; every other node runs through {@link Dispatch}.
 * Literals are uploaded once, intermediates closed after their last use, and the caller owns
 * the outputs.
 */
final class FusedExecutable implements Executable {
    private final CudaBackend backend;
    private final FusedPlan plan;
    private final Graph graph;
    private final List<TensorType> inputTypes;
    private final List<TensorType> outputTypes;
    private final List<CUfunc_st> kernels = new ArrayList<>();
    private final int[] uses;
    private final boolean[] needed;
    private final DeviceArray[] literals;
    private volatile boolean closed;

    FusedExecutable(CudaBackend backend, Graph original) {
        GraphVerifier.verify(original);
        this.backend = backend;
        this.inputTypes = original.parameterTypes();
        this.outputTypes = original.outputTypes();
        this.graph = new CompositeExpansion(backend).apply(original);
        this.plan = new FusedPlan(graph, backend.runtime().options());
        this.uses = plan.uses();
        this.needed = plan.needed();
        if (!plan.groups().isEmpty()) {
            String src = plan.source();
            ProgramSource program = new ProgramSource("triad_fused_" + Integer.toHexString(src.hashCode()), src, plan.kernelNames());
            for (String k : plan.kernelNames()) kernels.add(backend.runtime().kernel(program, k));
        }
        this.literals = new DeviceArray[graph.size()];
        try {
            for (Node node : graph.nodes()) {
                if (node.kind() == Node.Kind.LITERAL && needed[node.id()]) literals[node.id()] = backend.upload(node.literal());
            }
        } catch (RuntimeException e) {
            closeLiterals();
            throw e;
        }
    }

    /** The number of fused kernels. */
    int fusedKernels() { return kernels.size(); }

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
                        int g = plan.groupOf(id);
                        if (g >= 0) {
                            values[id] = launch(g, values);
                        } else {
                            List<DeviceArray> args = new ArrayList<>(node.inputs().size());
                            for (Value v : node.inputs()) args.add(values[v.id()]);
                            values[id] = Dispatch.execute(backend, node.primitive(), node.attrs(), args);
                        }
                        owned[id] = true;
                        for (Value v : plan.reads(id)) {
                            int r = v.id();
                            if (--remaining[r] == 0 && owned[r]) {
                                values[r].close();
                                values[r] = null;
                                owned[r] = false;
                            }
                        }
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
        FusionPlan.FusionGroup group = plan.groups().get(g);
        Exec exec = backend.exec();
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
            String name = plan.kernelNames().get(g);
            long[] meta = ElementwiseMeta.pack(name, s.toArray(), operands, ElementwiseMeta.arityFor(operands.size()));
            args[args.length - 1] = meta;
            if (meta[1] > 0) {
                CudaRuntime rt = backend.runtime();
                rt.launch(graph.node(group.root()).primitive().name() + " (fused)", kernels.get(g), name,
                        LaunchConfig.linear(meta[1], rt.info().multiprocessors()), args);
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
