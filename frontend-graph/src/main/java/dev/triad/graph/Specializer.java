package dev.triad.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.types.TensorType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the part of a front-end graph that some fetches need into static Graph IR for one set
 * of concrete feed types: finds the needed nodes, checks the feeds against them, and lowers
 * each node in order (placeholders and variables become parameters, constants literals,
 * assignments extra outputs, everything else its op's {@link Lowering}).
 */
public final class Specializer {
    private Specializer() {}

    /**
     * Specialises {@code graph} for {@code fetches} with placeholders of {@code feedTypes}.
     *
     * @throws FeedException when a needed placeholder is not fed, or a fed one is not needed
     * @throws dev.triad.spi.error.TriadException when a lowering fails for the concrete shapes
     */
    public static Specialization specialize(dev.triad.graph.GraphBuilder graph, List<? extends Fetchable> fetches, Map<Output, TensorType> feedTypes) {
        BitSet needed = needed(graph, fetches);
        List<Output> feeds = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        Map<Variable, Output> assigns = new LinkedHashMap<>();
        for (int id = needed.nextSetBit(0); id >= 0; id = needed.nextSetBit(id + 1)) {
            if (!(graph.node(id) instanceof Output o)) continue;
            if (o instanceof Variable v) variables.add(v);
            else if (o.isPlaceholder()) feeds.add(o);
            else if (o.op().equals(FrontOps.ASSIGN)) {
                Variable target = (Variable) o.inputs().get(0);
                Output previous = assigns.put(target, o);
                if (previous != null) {
                    throw new GraphException("the run assigns variable '" + target.name() + "' twice ('" + previous.name() + "' and '" + o.name()
                            + "'); expected at most one assignment per variable and run");
                }
            }
        }
        checkFeeds(fetches, feeds, feedTypes);

        GraphBuilder b = new GraphBuilder();
        Map<Integer, Value> values = new HashMap<>();
        for (Output p : feeds) values.put(p.id(), b.named(b.parameter(feedTypes.get(p)), p.name()));
        for (Variable v : variables) values.put(v.id(), b.named(b.parameter(v.type()), v.name()));
        LoweringContext ctx = new LoweringContext(b);
        for (int id = needed.nextSetBit(0); id >= 0; id = needed.nextSetBit(id + 1)) {
            if (!(graph.node(id) instanceof Output o) || values.containsKey(id)) continue;
            values.put(id, lower(ctx, o, values));
        }
        List<Value> outputs = new ArrayList<>();
        List<Output> fetched = new ArrayList<>();
        for (Fetchable f : fetches) {
            if (f instanceof Output o) {
                outputs.add(values.get(o.id()));
                fetched.add(o);
            }
        }
        for (Output a : assigns.values()) outputs.add(values.get(a.id()));
        return new Specialization(b.build(outputs), feeds, variables, fetched, List.copyOf(assigns.keySet()));
    }

    private static Value lower(LoweringContext ctx, Output o, Map<Integer, Value> values) {
        GraphBuilder b = ctx.builder();
        int before = b.size();
        Value v;
        if (o.op().equals(FrontOps.CONSTANT)) {
            v = b.literal(o.constantValue());
        } else {
            List<Value> inputs = new ArrayList<>(o.inputs().size());
            for (Output in : o.inputs()) inputs.add(values.get(in.id()));
            FrontOp op = FrontOps.byName(o.op());
            try {
                v = op.lowering().lower(ctx, inputs, o.attrs());
            } catch (dev.triad.spi.error.TriadException e) {
                throw TypeInference.rewrap(e, o.name(), "node '" + o.name() + "' = " + o.op() + TypeInference.describe(o.inputs(), o.attrs())
                        + " fails for the fed shapes " + types(inputs) + ": " + e.getMessage());
            }
        }
        if (v.type().dtype() != o.dtype() || !o.shape().accepts(v.type().shape())) {
            throw new GraphException("node '" + o.name() + "' was inferred as " + o.dtype().shortName() + o.shape() + " but lowers to " + v.type()
                    + " for the fed shapes; this is a bug in the op's lowering");
        }
        // Name only a node this lowering made: an op that returns an input unchanged must not rename it.
        if (v.id() >= before && b.node(v.id()).name().isEmpty()) b.named(v, o.name());
        return v;
    }

    private static String types(List<Value> values) {
        List<String> t = new ArrayList<>();
        for (Value v : values) t.add(v.type().toString());
        return t.toString();
    }

    /** The ids of every node the fetches depend on (an operation on its dependencies, a value on its inputs). */
    static BitSet needed(dev.triad.graph.GraphBuilder graph, List<? extends Fetchable> fetches) {
        BitSet seen = new BitSet(graph.size());
        Deque<Fetchable> work = new ArrayDeque<>();
        for (Fetchable f : fetches) {
            graph.check(f);
            work.push(f);
        }
        while (!work.isEmpty()) {
            Fetchable f = work.pop();
            if (seen.get(f.id())) continue;
            seen.set(f.id());
            switch (f) {
                case Output o -> o.inputs().forEach(work::push);
                case Operation op -> op.dependencies().forEach(work::push);
            }
        }
        return seen;
    }

    private static void checkFeeds(List<? extends Fetchable> fetches, List<Output> needed, Map<Output, TensorType> feedTypes) {
        List<String> fetchNames = new ArrayList<>();
        for (Fetchable f : fetches) fetchNames.add("'" + f.name() + "'");
        for (Output p : needed) {
            if (!feedTypes.containsKey(p)) {
                throw new FeedException("placeholder '" + p.name() + "' (" + p.dtype().shortName() + p.shape() + ") must be fed: the fetches "
                        + fetchNames + " depend on it");
            }
        }
        for (Output fed : feedTypes.keySet()) {
            if (!needed.contains(fed)) {
                throw new FeedException("placeholder '" + fed.name() + "' is fed but none of the fetches " + fetchNames
                        + " depends on it; remove it from the feeds");
            }
        }
    }
}
