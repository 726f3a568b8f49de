package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward mode: each tracer carries a primal and a tangent (values of the level below), and
 * each primitive's tangent comes from its own JVP rule, applied through {@link ArrayOps} so the
 * tangent computation is itself visible to enclosing transformations. Values that do not
 * depend on the inputs carry no tracer at all (a symbolic zero tangent).
 */
final class JvpTrace extends Trace {
    /** A tracer's data: the primal and its (non-null) tangent, both of the level below. */
    record Dual(Array primal, Array tangent) {}

    JvpTrace(int level) { super(level, "jvp"); }

    /** A tracer for {@code primal} moving along {@code tangent}. */
    Array tracer(Array primal, Array tangent) { return new Array(this, primal.type(), new Dual(primal, tangent)); }

    /** The primal of {@code x} at the level below. */
    Array primal(Array x) { return owns(x) ? ((Dual) x.payload()).primal() : x; }

    /** The tangent of {@code x}, or null when it does not vary at this level. */
    Array tangent(Array x) { return owns(x) ? ((Dual) x.payload()).tangent() : null; }

    @Override
    Array process(Primitive p, Attrs attrs, List<Array> inputs) {
        List<Array> primals = new ArrayList<>(inputs.size());
        for (Array x : inputs) primals.add(primal(x));
        // The primal first: its shape rule reports a bad call in the user's terms.
        Array out = Core.bind(p, attrs, primals);
        if (p.derivative() != Primitive.Derivative.DIFFERENTIABLE || !out.dtype().isFloating()) return out;
        boolean varies = false;
        List<Array> tangents = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Array t = p.isDifferentiableInput(i) ? tangent(inputs.get(i)) : null;
            varies |= t != null;
            tangents.add(t != null ? t : ArrayOps.OPS.zerosLike(primals.get(i)));
        }
        if (!varies) return out;
        Array t = p.jvp(ArrayOps.OPS, primals, out, tangents, attrs);
        return tracer(out, conform(p, out.type(), t));
    }

    /** A rule's tangent checked against the result: a dtype difference is cast away, a shape difference is a rule bug. */
    private static Array conform(Primitive p, TensorType want, Array t) {
        if (!t.shape().equals(want.shape())) {
            throw new IllegalStateException("JVP rule of " + p.name() + " returned a tangent " + t.type() + " for a result of type " + want);
        }
        return ArrayOps.OPS.cast(t, want.dtype());
    }

    @Override
    Array stopGradient(Array x) { return Core.stopGradient(primal(x)); }
}
