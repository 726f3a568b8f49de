package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward mode over a recorded tape: propagates tangents through the steps in order with each
 * primitive's JVP rule, run through an {@link Ops}.
 */
final class Forward {
    private Forward() {}

    /**
     * The output's tangent given one tangent per primal.
     *
     * @param ops the algebra the JVP rules run on
     * @param steps the recorded program, in execution order
     * @param primals the program's inputs (distinct objects)
     * @param tangents one per primal, of its type; null means "does not vary" (ignored for
     *     non-floating primals)
     * @param output the program's result
     * @return the tangent of {@code output}; zeros when it does not depend on a varying primal
     */
    static <T> T tangent(Ops<T> ops, List<Step<T>> steps, List<T> primals, List<T> tangents, T output) {
        Map<T, T> tan = new IdentityHashMap<>();
        for (int i = 0; i < primals.size(); i++) {
            T x = primals.get(i), t = tangents.get(i);
            if (t != null && ops.dtype(x).isFloating()) tan.put(x, t);
        }
        for (Step<T> s : steps) {
            Primitive p = s.primitive();
            // ZERO: the tangent is zero, which absence already means; NONE: integer/bool/random results.
            if (p.derivative() != Primitive.Derivative.DIFFERENTIABLE || !ops.dtype(s.output()).isFloating()) continue;
            List<T> in = s.inputs();
            boolean varies = false;
            for (int i = 0; i < in.size() && !varies; i++) varies = p.isDifferentiableInput(i) && tan.containsKey(in.get(i));
            if (!varies) continue;
            List<T> ts = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                T t = p.isDifferentiableInput(i) ? tan.get(in.get(i)) : null;
                ts.add(t != null ? t : ops.zerosLike(in.get(i)));
            }
            T t = p.jvp(ops, in, s.output(), ts, s.attrs());
            tan.put(s.output(), conform(ops, p, s.output(), t));
        }
        T t = tan.get(output);
        return t != null ? t : ops.zerosLike(output);
    }

    /** Checks a rule's tangent against the step's output; a dtype difference is cast away, a shape difference is a rule bug. */
    private static <T> T conform(Ops<T> ops, Primitive p, T out, T t) {
        TensorType want = ops.typeOf(out), got = ops.typeOf(t);
        if (!want.shape().equals(got.shape())) {
            throw new IllegalStateException("JVP rule of " + p.name() + " returned a tangent " + got + " for a result of type " + want
                    + "; expected the result's shape");
        }
        return ops.cast(t, want.dtype());
    }
}
