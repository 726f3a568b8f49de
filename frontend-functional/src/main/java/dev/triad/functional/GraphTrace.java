package dev.triad.functional;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages a function into the Graph IR (for {@code jit} and {@code makeJaxpr}): each primitive
 * becomes a node through a {@link GraphBuilder}, whose shape rules raise the same typed errors,
 * naming the op and shapes, as eager evaluation. Host constants become literals; values from
 * outside the function (closed-over arrays, or tracers of enclosing transformations) become
 * extra parameters after the explicit ones, and their values are remembered so a call can
 * pass them in (JAX's constvars).
 */
final class GraphTrace extends Trace {
    private final GraphBuilder builder = new GraphBuilder();
    private final Map<Array, Value> captured = new IdentityHashMap<>();
    private final List<Array> capturedValues = new ArrayList<>();
    private boolean stopsGradient;

    GraphTrace(int level) { super(level, "jit"); }

    @Override
    boolean isStaging() { return true; }

    /** Adds the next explicit parameter and returns its tracer. */
    Array parameter(TensorType type) { return tracer(builder.parameter(type)); }

    /** A literal node holding {@code host}. */
    Array literal(HostArray host) { return tracer(builder.literal(host)); }

    private Array tracer(Value v) { return new Array(this, v.type(), v); }

    /** The graph node of {@code x}: its own value, or a parameter capturing an outside value. */
    Value valueOf(Array x) {
        if (owns(x)) return (Value) x.payload();
        if (x.trace().level() > level()) throw Core.escaped(null, x);
        Value v = captured.get(x);
        if (v == null) {
            v = builder.parameter(x.type());
            captured.put(x, v);
            capturedValues.add(x);
        }
        return v;
    }

    @Override
    Array process(Primitive p, Attrs attrs, List<Array> inputs) {
        List<Value> values = new ArrayList<>(inputs.size());
        for (Array x : inputs) values.add(valueOf(x));
        return tracer(builder.apply(p, attrs, values));
    }

    @Override
    Array stopGradient(Array x) {
        // The Graph IR has no stop-gradient op, so a graph that contains one cannot be
        // differentiated by re-interpretation; the jit call then re-runs the function instead.
        stopsGradient = true;
        return x;
    }

    /** True when the traced function used {@link Transforms#stopGradient} on a staged value. */
    boolean stopsGradient() { return stopsGradient; }

    /** The values captured from outside, in the order of their parameters (after the explicit ones). */
    List<Array> capturedValues() { return List.copyOf(capturedValues); }

    /** Freezes the graph with these outputs (outside values among them are captured first). */
    Graph build(List<Array> outputs) {
        List<Value> out = new ArrayList<>(outputs.size());
        for (Array x : outputs) out.add(valueOf(x));
        return builder.build(out);
    }
}
