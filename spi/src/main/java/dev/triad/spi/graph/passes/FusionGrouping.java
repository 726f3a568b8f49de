package dev.triad.spi.graph.passes;

import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finds chains (in-trees) of elementwise ops that a backend can compile into one kernel, and
 * returns them as a {@link FusionPlan} beside the unchanged graph. This is an analysis, not a
 * rewrite: the graph stays in the portable op IR (printable, verifiable, runnable by the
 * interpreter), and a backend that fuses calls {@link #plan} in its {@code compile(Graph)}.
 * Run it last, on the graph the other passes produced.
 *
 * <p>Greedy rule, from the last node backwards: a fusable node joins the group of its consumer
 * when it has exactly one use (a graph output counts as a use), that consumer is fusable, both
 * have the same shape and the group is not full. Otherwise it starts a group of its own.
 * Groups of one node are dropped. Because every interior member has its only use inside the
 * group, no intermediate value has to be written to memory and a group is convex.
 */
public final class FusionGrouping {
    /** Fuses the elementwise ops (unary, binary, where, cast) into groups of at most 64 nodes. */
    public static final FusionGrouping ELEMENTWISE = new FusionGrouping(
            n -> n.kind() == Node.Kind.OP && n.primitive().isElementwise(), 64);

    private final Predicate<Node> fusable;
    private final int maxGroupSize;

    /**
     * A grouping with its own policy, for a backend that can fuse more (or less).
     *
     * @param fusable which op nodes may be in a group
     * @param maxGroupSize the most nodes per group (at least 2)
     */
    public FusionGrouping(Predicate<Node> fusable, int maxGroupSize) {
        if (maxGroupSize < 2) throw new IllegalArgumentException("a group needs room for two nodes, got " + maxGroupSize);
        this.fusable = fusable;
        this.maxGroupSize = maxGroupSize;
    }

    /** The plan with the default policy ({@link #ELEMENTWISE}). */
    public static FusionPlan of(Graph graph) { return ELEMENTWISE.plan(graph); }

    /** The groups of {@code graph} under this policy; the plan is verified before it is returned. */
    public FusionPlan plan(Graph graph) {
        int n = graph.size();
        int[] uses = graph.useCounts();
        int[] consumer = new int[n];
        java.util.Arrays.fill(consumer, -1);
        for (Node node : graph.nodes()) for (Value v : node.inputs()) consumer[v.id()] = node.id();
        int[] group = new int[n];
        java.util.Arrays.fill(group, -1);
        Map<Integer, Integer> sizes = new HashMap<>();
        int next = 0;
        for (int i = n - 1; i >= 0; i--) {
            Node node = graph.node(i);
            if (!fusable.test(node)) continue;
            int c = consumer[i];
            boolean joins = uses[i] == 1 && c >= 0 && group[c] >= 0
                    && graph.node(c).type().shape().equals(node.type().shape()) && sizes.get(group[c]) < maxGroupSize;
            group[i] = joins ? group[c] : next++;
            sizes.merge(group[i], 1, Integer::sum);
        }
        // Collect members per group; TreeMap keyed by root id gives groups in execution order.
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < n; i++) if (group[i] >= 0) members.computeIfAbsent(group[i], k -> new ArrayList<>()).add(i);
        TreeMap<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (List<Integer> m : members.values()) if (m.size() >= 2) byRoot.put(m.get(m.size() - 1), m);
        List<FusionPlan.FusionGroup> groups = new ArrayList<>();
        for (List<Integer> m : byRoot.values()) {
            List<Value> inputs = new ArrayList<>();
            for (int id : m) {
                for (Value v : graph.node(id).inputs()) {
                    if (!m.contains(v.id()) && !inputs.contains(v)) inputs.add(v);
                }
            }
            groups.add(new FusionPlan.FusionGroup(m, inputs, graph.node(m.get(m.size() - 1)).type()));
        }
        FusionPlan plan = new FusionPlan(graph, groups);
        plan.verify();
        return plan;
    }
}
