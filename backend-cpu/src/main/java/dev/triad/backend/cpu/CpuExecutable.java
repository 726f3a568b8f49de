package dev.triad.backend.cpu;

import dev.triad.backend.cpu.kernels.FusedElementwise;
import dev.triad.backend.cpu.kernels.GeneratedElementwise;
import dev.triad.backend.cpu.kernels.GeneratedReduction;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.Views;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphRuns;
import dev.triad.spi.graph.GraphVerifier;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionGrouping;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph compiled for the CPU backend ({@link CpuBackend#compile}). Like the spi's
 * interpreter it runs the nodes in order and frees each intermediate after its last use, with
 * two differences that matter for speed:
 * <ul>
 *   <li>Chains of elementwise ops ({@link FusionGrouping}) run as one kernel each: one pass
 *       over memory instead of one per op. F32 and F64 groups of the common ops get a class
 *       generated for them ({@link GeneratedElementwise}), which keeps intermediates in
 *       registers; other F32 groups (and strided inputs) run through {@link FusedElementwise},
 *       which keeps them in the L1 cache. Groups that neither covers run node by node.</li>
 *   <li>A sum, max or min over the trailing axes whose input is such a generated group (and
 *       nothing else reads the group) runs with the group as its prologue
 *       ({@link GeneratedReduction}): the group's result never reaches memory.</li>
 *   <li>Movement ops that only re-stride (reshape of contiguous data, permute, broadcast,
 *       slice, flip) become views, as in the eager front-end, instead of copies: the kernels
 *       read strided inputs, and oneDNN reads transposed operands in place.</li>
 * </ul>
 * Everything else goes through {@link Dispatch}, so shape rules, support checks and composite
 * decompositions are the interpreter's.
 */
final class CpuExecutable implements Executable {
    private final CpuBackend backend;
    private final Graph graph;
    private final DeviceArray[] literals;
    private final int[] uses;
    private final boolean[] needed;
    /** Per node: the generated kernel of the fused group whose root it is, or null. */
    private final GeneratedElementwise[] generatedAt;
    /** Per node: the run-by-run kernel of the fused group whose root it is (the fallback), or null. */
    private final FusedElementwise[] fusedAt;
    /** Per node: the inputs of its fused group, when it is a root. */
    private final List<List<Value>> groupInputs;
    /** Per node: the members of its fused group, when it is a root. */
    private final List<List<Integer>> groupMembers;
    /** Per node: computed inside a fused kernel, never on its own. */
    private final boolean[] interior;
    /** Per node: run it (needed and not inside a fused group). */
    private final boolean[] runs;
    /** Per reduction node: the fused reduction of the generated group it reads, or null. */
    private final GeneratedReduction[] reductionAt;
    /** Per reduction node with a fused reduction: the root of the group it reads (computed only if the fused path declines). */
    private final int[] prologueOf;
    private volatile boolean closed;

    CpuExecutable(CpuBackend backend, Graph graph) {
        GraphVerifier.verify(graph);
        this.backend = backend;
        this.graph = graph;
        int n = graph.size();
        GraphRuns.Liveness live = GraphRuns.Liveness.of(graph);
        needed = live.needed();
        uses = live.uses();
        fusedAt = new FusedElementwise[n];
        generatedAt = new GeneratedElementwise[n];
        interior = new boolean[n];
        groupInputs = new ArrayList<>(java.util.Collections.nCopies(n, null));
        groupMembers = new ArrayList<>(java.util.Collections.nCopies(n, null));
        FusionPlan plan = FusionGrouping.of(graph);
        for (FusionPlan.FusionGroup g : plan.groups()) {
            if (!needed[g.root()]) continue;
            GeneratedElementwise gen = GeneratedElementwise.of(graph, g);
            FusedElementwise k = FusedElementwise.of(graph, g);
            if (gen == null && k == null) continue;
            generatedAt[g.root()] = gen;
            fusedAt[g.root()] = k;
            groupInputs.set(g.root(), g.inputs());
            groupMembers.set(g.root(), g.members());
            for (int id : g.members()) if (id != g.root()) interior[id] = true;
        }
        // A sum/max/min over the trailing axes of a generated group's root that nothing else
        // reads takes the group in as its prologue: the root is then never written to memory.
        reductionAt = new GeneratedReduction[n];
        prologueOf = new int[n];
        java.util.Arrays.fill(prologueOf, -1);
        for (Node node : graph.nodes()) {
            if (!needed[node.id()] || node.kind() != Node.Kind.OP || node.inputs().size() != 1) continue;
            int root = node.inputs().get(0).id();
            if (generatedAt[root] == null || uses[root] != 1 || interior[root]) continue;
            GeneratedReduction r = GeneratedReduction.of(generatedAt[root], node);
            if (r == null) continue;
            reductionAt[node.id()] = r;
            prologueOf[node.id()] = root;
            interior[root] = true;
        }
        runs = new boolean[n];
        for (int i = 0; i < n; i++) runs[i] = needed[i] && !interior[i];
        literals = GraphRuns.uploadLiterals(graph, backend, needed);
    }

    /** The number of fused groups (for tests and reports). */
    int fusedGroups() {
        int k = 0;
        for (int i = 0; i < fusedAt.length; i++) if (fusedAt[i] != null || generatedAt[i] != null) k++;
        return k;
    }

    /** The number of fused groups that run a generated kernel (for tests and reports). */
    int generatedGroups() {
        int k = 0;
        for (GeneratedElementwise g : generatedAt) if (g != null) k++;
        return k;
    }

    @Override
    public List<TensorType> inputTypes() { return graph.parameterTypes(); }

    @Override
    public List<TensorType> outputTypes() { return graph.outputTypes(); }

    @Override
    public List<DeviceArray> run(List<DeviceArray> inputs) {
        if (closed) throw new IllegalStateException("this executable was closed");
        return GraphRuns.run(graph, backend, inputs, uses, runs, literals, (node, run) -> {
            int id = node.id();
            if (reductionAt[id] != null) {
                runReduction(id, node, run);
            } else if (fusedAt[id] != null || generatedAt[id] != null) {
                run.own(id, runFused(id, node, run.values()));
                releaseGroupInputs(id, run);
            } else {
                run.own(id, runOne(node, run.values()));
                for (Value v : node.inputs()) run.release(v.id());
            }
        });
    }

    /** One node: a view when it is a movement op that only re-strides, else through dispatch. */
    private DeviceArray runOne(Node node, DeviceArray[] values) {
        List<Value> ins = node.inputs();
        if (ins.size() == 1 && Views.mayBeView(node.primitive())) {
            DeviceArray v = Views.viewOf(values[ins.get(0).id()], node.primitive(), node.attrs());
            if (v != null) return v;
        }
        List<DeviceArray> args = new ArrayList<>(ins.size());
        for (Value v : ins) args.add(values[v.id()]);
        return Dispatch.execute(backend, node.primitive(), node.attrs(), args);
    }

    private DeviceArray runFused(int root, Node node, DeviceArray[] values) {
        List<Value> ins = groupInputs.get(root);
        List<StridedView> views = new ArrayList<>(ins.size());
        for (Value v : ins) views.add(CpuBackend.view(values[v.id()]));
        TensorType type = node.type();
        Buffer buffer = Buffer.allocate(backend.allocator(), type.byteSize());
        try {
            StridedView out = StridedView.contiguous((MemorySegment) buffer.handle(), type.dtype(), type.shape().toArray());
            if (generatedAt[root] != null) generatedAt[root].run(views, out, backend.threads(), fusedAt[root]);
            else fusedAt[root].run(views, out, backend.threads());
            return DeviceArray.contiguous(backend, buffer, type);
        } catch (RuntimeException | Error e) {
            buffer.release();
            throw e;
        }
    }

    /**
     * A reduction with a fused prologue: in one pass when {@link GeneratedReduction} covers the
     * inputs' layout, else the group is computed as usual and reduced through dispatch.
     */
    private void runReduction(int id, Node node, GraphRuns.Run run) {
        DeviceArray[] values = run.values();
        int root = prologueOf[id];
        List<StridedView> views = new ArrayList<>();
        for (Value v : groupInputs.get(root)) views.add(CpuBackend.view(values[v.id()]));
        TensorType type = node.type();
        Buffer buffer = Buffer.allocate(backend.allocator(), type.byteSize());
        boolean done;
        try {
            StridedView out = StridedView.contiguous((MemorySegment) buffer.handle(), type.dtype(), type.shape().toArray());
            done = reductionAt[id].run(views, graph.node(root).type().shape().toArray(), out, backend.threads());
        } catch (RuntimeException | Error e) {
            buffer.release();
            throw e;
        }
        if (done) {
            run.own(id, DeviceArray.contiguous(backend, buffer, type));
            releaseGroupInputs(root, run);
            return;
        }
        buffer.release();
        run.own(root, runFused(root, graph.node(root), values));
        releaseGroupInputs(root, run);
        run.own(id, runOne(node, values));
        run.release(root);
    }

    /** The number of reductions that take a generated group in as their prologue (for tests and reports). */
    int fusedReductions() {
        int k = 0;
        for (GeneratedReduction r : reductionAt) if (r != null) k++;
        return k;
    }

    /** Drops the uses the group's members make of values outside the group (each edge counted once, as in {@code uses}). */
    private void releaseGroupInputs(int root, GraphRuns.Run run) {
        List<Integer> members = groupMembers.get(root);
        for (int id : members) {
            for (Value v : graph.node(id).inputs()) {
                if (!members.contains(v.id())) run.release(v.id());
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        GraphRuns.closeAll(literals);
    }
}
