package dev.triad.functional;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * The one entry point of every operation: finds the trace that must interpret it and hands it
 * over (JAX's {@code bind}).
 */
final class Core {
    private Core() {}

    /**
     * Applies {@code p} to {@code inputs} in the innermost trace involved: the highest level
     * among the inputs' traces and the staging floor. The result is always a new object, never
     * one of the inputs, because recording traces tell values apart by identity.
     */
    static Array bind(Primitive p, Attrs attrs, List<Array> inputs) {
        Trace top = TraceStack.floor();
        for (int i = 0; i < inputs.size(); i++) {
            Array x = inputs.get(i);
            if (x == null) throw new TriadException(p.name(), "input " + i + " is null");
            Trace t = x.trace();
            if (!t.isActive()) throw escaped(p, x);
            if (t.level() > top.level()) top = t;
        }
        Array out = top.process(p, attrs, inputs);
        for (Array x : inputs) if (x == out) return alias(out);
        return out;
    }

    /** A host constant in the current context: a literal in a graph being traced, else uploaded. */
    static Array constant(HostArray host) {
        Trace floor = TraceStack.floor();
        return floor instanceof GraphTrace g ? g.literal(host) : EvalTrace.upload(host);
    }

    /** A new object standing for the same value as {@code x}. */
    static Array alias(Array x) {
        return x.isConcrete() ? EvalTrace.alias(x) : new Array(x.trace(), x.type(), x.payload());
    }

    /** {@code x} with its dependence on every active perturbation cut, level by level. */
    static Array stopGradient(Array x) {
        if (!x.trace().isActive()) throw escaped(null, x);
        return x.trace().stopGradient(x);
    }

    static TriadException escaped(Primitive p, Array x) {
        return new TriadException(p == null ? "stop_gradient" : p.name(), "an input of type " + x.type() + " is a value traced by "
                + x.trace().name() + " that escaped its transformation (a traced value was kept, e.g. in a field, and used after"
                + " the transformation returned); return it from the transformed function instead");
    }
}
