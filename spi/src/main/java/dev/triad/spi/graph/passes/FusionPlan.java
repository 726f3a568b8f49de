package dev.triad.spi.graph.passes;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups of a graph's elementwise ops that a backend may compile into one kernel each, as
 * found by {@link FusionGrouping}. The plan annotates a graph without changing it: a backend's
 * {@code compile(Graph)} asks for the plan of the graph it was given and emits one kernel per
 * group (reading the group's {@link FusionGroup#inputs()}, computing its members in id order
 * in registers, writing only its {@link FusionGroup#root()}), and runs every other node as
 * usual.
 *
 * <p>Invariants ({@link #verify}): groups are disjoint and have at least two members; every
 * member but the root is used exactly once, by another member of its group, so no
 * intermediate of a group is needed outside it and a group is convex (no path leaves it and
 * comes back); all members have the root's shape.
 */
public final class FusionPlan {
    /**
     * One group.
     *
     * @param members the node ids, ascending; the last one is the root
     * @param inputs the values the group reads from outside, in order of first use
     * @param type the type of the root, the group's only result
     */
    public record FusionGroup(List<Integer> members, List<Value> inputs, TensorType type) {
        /** Copies the lists. */
        public FusionGroup {
            members = List.copyOf(members);
            inputs = List.copyOf(inputs);
        }

        /** The node whose value the group produces. */
        public int root() { return members.get(members.size() - 1); }
    }

    private final Graph graph;
    private final List<FusionGroup> groups;
    private final int[] groupOf;

    FusionPlan(Graph graph, List<FusionGroup> groups) {
        this.graph = graph;
        this.groups = List.copyOf(groups);
        this.groupOf = new int[graph.size()];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < this.groups.size(); g++) for (int id : this.groups.get(g).members()) groupOf[id] = g;
    }

    /** The graph this plan is for. */
    public Graph graph() { return graph; }

    /** The groups, ordered by root id (so in a valid execution order). */
    public List<FusionGroup> groups() { return groups; }

    /** The index of the group holding node {@code id}, or -1. */
    public int groupOf(int id) { return groupOf[id]; }

    /** True when node {@code id} is in a group but is not its root (a backend computes it inside the kernel). */
    public boolean isInterior(int id) {
        int g = groupOf[id];
        return g >= 0 && groups.get(g).root() != id;
    }

    /**
     * Checks the invariants against the plan's graph.
     *
     * @throws GraphException naming the group and what is wrong
     */
    public void verify() {
        int[] uses = graph.useCounts();
        Set<Integer> seen = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            FusionGroup group = groups.get(g);
            if (group.members().size() < 2) throw fail(g, "has fewer than two members");
            Set<Integer> members = new HashSet<>(group.members());
            TensorType rootType = graph.node(group.root()).type();
            if (!rootType.equals(group.type())) throw fail(g, "declares type " + group.type() + " but its root has " + rootType);
            for (int id : group.members()) {
                if (!seen.add(id)) throw fail(g, "shares node %" + id + " with another group");
                Node n = graph.node(id);
                if (n.kind() != Node.Kind.OP) throw fail(g, "holds %" + id + ", which is not an op");
                if (!n.type().shape().equals(rootType.shape())) throw fail(g, "member %" + id + " has shape " + n.type().shape() + ", not the root's");
                if (id != group.root() && uses[id] != 1) throw fail(g, "interior member %" + id + " is used " + uses[id] + " times; expected once");
            }
            for (int id : group.members()) {
                for (Value v : graph.node(id).inputs()) {
                    if (!members.contains(v.id()) && !group.inputs().contains(v)) throw fail(g, "reads " + v + " but does not list it as an input");
                }
            }
            for (Node n : graph.nodes()) {
                if (members.contains(n.id())) continue;
                for (Value v : n.inputs()) {
                    if (members.contains(v.id()) && v.id() != group.root()) throw fail(g, "interior member " + v + " is read by %" + n.id() + " outside the group");
                }
            }
        }
    }

    private static GraphException fail(int g, String what) {
        return new GraphException("invalid fusion plan: group " + g + " " + what);
    }

    /**
     * The plan as text, one group per line, e.g. {@code fuse(%2, %3, %4) reads (%0, %1) : f32[2,3]};
     * {@code (no groups)} when empty.
     */
    @Override
    public String toString() {
        if (groups.isEmpty()) return "(no groups)\n";
        StringBuilder b = new StringBuilder();
        for (FusionGroup g : groups) {
            List<String> m = new ArrayList<>(), in = new ArrayList<>();
            for (int id : g.members()) m.add("%" + id);
            for (Value v : g.inputs()) in.add(v.toString());
            b.append("fuse(").append(String.join(", ", m)).append(") reads (").append(String.join(", ", in)).append(") : ")
                    .append(g.type()).append('\n');
        }
        return b.toString();
    }
}
