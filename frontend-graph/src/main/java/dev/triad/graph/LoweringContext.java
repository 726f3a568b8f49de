package dev.triad.graph;

import dev.triad.spi.graph.GraphBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One specialisation of a front-end graph into the static Graph IR: the IR builder the ops
 * are lowered into, and a memo for work that several nodes share (all the gradients of one
 * {@link dev.triad.graph.GraphBuilder#gradients} call come from one backward pass).
 */
public final class LoweringContext {
    private final GraphBuilder builder;
    private final Map<Object, Object> memo = new HashMap<>();

    LoweringContext(GraphBuilder builder) { this.builder = builder; }

    /** The Graph IR builder; it is also the {@link dev.triad.spi.ops.Ops} to emit rules through. */
    public GraphBuilder builder() { return builder; }

    /** The value computed for {@code key} in this specialisation, computing it the first time. */
    @SuppressWarnings("unchecked")
    public <V> V memo(Object key, Supplier<V> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (V) v;
    }
}
