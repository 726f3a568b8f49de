package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.Dialect;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.FusedEmitter;
import dev.triad.codegen.c.Programs;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphRuns;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionGrouping;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The device-independent half of a compiled graph: which elementwise chains become one kernel
 * ({@link FusionGrouping}), the source of those kernels ({@link FusedEmitter} in a
 * {@link Dialect}), and which values each run reads how often. Pure Java, so the fused source
 * can be checked (and, for CUDA, compiled with nvcc) on machines without the device.
 *
 * <p>A chain reading more inputs than a fused kernel takes ({@link FusedEmitter#maxInputs()})
 * runs op by op.
 */
public final class FusedPlan {
    /** Most ops in one fused group. */
    static final int MAX_GROUP = 64;

    private final Graph graph;
    private final int[] groupOf;
    private final List<FusionPlan.FusionGroup> groups = new ArrayList<>();
    private final List<String> kernelNames = new ArrayList<>();
    private final int[] uses;
    private final boolean[] needed;
    private final String source;

    /**
     * Plans {@code graph} (composites already expanded). {@code computable} says which
     * elementwise op nodes the device can compute (e.g. none in f64 without fp64).
     */
    public FusedPlan(Graph graph, Dialect dialect, EmitOptions options, Predicate<Node> computable) {
        this.graph = graph;
        FusionPlan plan = new FusionGrouping(n -> n.kind() == Node.Kind.OP && n.primitive().isElementwise() && computable.test(n), MAX_GROUP).plan(graph);
        int n = graph.size();
        this.groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        StringBuilder text = new StringBuilder();
        for (FusionPlan.FusionGroup g : plan.groups()) {
            if (g.inputs().size() > FusedEmitter.maxInputs()) continue; // runs op by op
            int index = groups.size();
            groups.add(g);
            for (int id : g.members()) groupOf[id] = index;
            String name = "fused_" + index;
            kernelNames.add(name);
            text.append(emit(name, g));
        }
        // Reads of each node by what the outputs need: a fused root reads its group's inputs, interior members are never run.
        GraphRuns.Liveness live = GraphRuns.Liveness.of(graph, this::reads);
        this.needed = live.needed();
        this.uses = live.uses();
        this.source = groups.isEmpty() ? "" : Programs.header(dialect, options) + text;
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

    /** The graph planned. */
    public Graph graph() { return graph; }

    /** The values node {@code id} reads when it runs: a fused root reads its group's inputs, interior members nothing. */
    public List<Value> reads(int id) {
        int g = groupOf[id];
        if (g < 0) return graph.node(id).inputs();
        return groups.get(g).root() == id ? groups.get(g).inputs() : List.of();
    }

    /** The fused group of node {@code id}, or -1. */
    public int groupOf(int id) { return groupOf[id]; }

    /** The fused groups, in execution order. */
    public List<FusionPlan.FusionGroup> groups() { return groups; }

    /** The kernel name of each group. */
    public List<String> kernelNames() { return kernelNames; }

    /** How often each value is read by what the outputs need. */
    public int[] uses() { return uses.clone(); }

    /** Whether each node is needed for the outputs. */
    public boolean[] needed() { return needed.clone(); }

    /** The source of all fused kernels (empty when none). */
    public String source() { return source; }
}
