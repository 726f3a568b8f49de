package dev.triad.graph;

import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;

import java.util.List;

/**
 * How a front-end op becomes ops of the static Graph IR once every input's concrete type is
 * known (when a session specialises the graph for the shapes it is fed). Shape inference at
 * build time runs the same lowering on stand-in types, so the two can never disagree.
 */
@FunctionalInterface
public interface Lowering {
    /**
     * Emits the op into {@code ctx.builder()}.
     *
     * @param ctx the specialisation under way
     * @param inputs the op's inputs, already lowered, with concrete types
     * @param attrs the op's attributes
     * @return the op's value
     */
    Value lower(LoweringContext ctx, List<Value> inputs, Attrs attrs);
}
