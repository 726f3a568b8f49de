package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode: each tracer stands for a value of the level below, and every primitive applied
 * to this level's tracers is recorded on a tape of the spi's {@link dev.triad.spi.autodiff.Autodiff}
 * (its {@code Ops} is handed in), whose pullback later applies the primitives' VJP rules. The
 * rules run through {@link ArrayOps}, so an enclosing transformation sees the backward pass
 * too: {@code grad(grad(f))}, {@code jacfwd(jacrev(f))}, {@code vmap(grad(f))}.
 */
final class TapeTrace extends Trace {
    private final Ops<Array> tape;

    TapeTrace(int level, Ops<Array> tape) {
        super(level, "grad");
        this.tape = tape;
    }

    /** A tracer for {@code lower}, a value on the tape (or one of its inputs). */
    Array tracer(Array lower) { return new Array(this, lower.type(), lower); }

    /** The value of {@code x} at the level below. */
    Array lower(Array x) {
        if (owns(x)) return (Array) x.payload();
        if (!x.trace().isActive() || x.trace().level() > level()) throw Core.escaped(null, x);
        return x;
    }

    @Override
    Array process(Primitive p, Attrs attrs, List<Array> inputs) {
        List<Array> lowered = new ArrayList<>(inputs.size());
        for (Array x : inputs) lowered.add(lower(x));
        Array out = tape.apply(p, attrs, lowered);
        // Integer, bool and random results carry no gradient: they leave this level.
        if (p.derivative() == Primitive.Derivative.NONE || !out.dtype().isFloating()) return out;
        return tracer(out);
    }

    @Override
    Array stopGradient(Array x) {
        // A fresh object: the tape tells values apart by identity, and this one must be a constant to it.
        return Core.alias(Core.stopGradient(lower(x)));
    }
}
