package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode over a recorded tape: walks the steps backwards applying each primitive's VJP
 * rule through an {@link Ops}, so the gradient computation is itself ordinary ops (and can be
 * recorded and differentiated again).
 */
final class Backward {
    private Backward() {}

    /**
     * The cotangent of each primal given the output's cotangent.
     *
     * @param ops the algebra the VJP rules run on
     * @param steps the recorded program, in execution order
     * @param primals the program's inputs (distinct objects)
     * @param wrt which primals to differentiate; others get null
     * @param output the program's result
     * @param cotangent the cotangent of {@code output}, of its type
     * @return one entry per primal: null where not requested or not floating (integer and bool
     *     values carry no gradient), zeros where the output does not depend on it
     */
    static <T> List<T> cotangents(Ops<T> ops, List<Step<T>> steps, List<T> primals, boolean[] wrt, T output, T cotangent) {
        Set<T> active = activeValues(ops, steps, primals, wrt);
        Map<T, T> cot = new IdentityHashMap<>();
        if (active.contains(output)) cot.put(output, cotangent);
        for (int k = steps.size() - 1; k >= 0; k--) {
            Step<T> s = steps.get(k);
            // remove: a value's cotangent is complete once its producer is reached (SSA order),
            // and dropping it lets an eager front-end free it early.
            T g = cot.remove(s.output());
            if (g == null) continue;
            Primitive p = s.primitive();
            // ZERO primitives contribute nothing; NONE primitives never produce active values.
            if (p.derivative() != Primitive.Derivative.DIFFERENTIABLE) continue;
            List<T> in = s.inputs();
            boolean[] needsGrad = new boolean[in.size()];
            for (int i = 0; i < needsGrad.length; i++) needsGrad[i] = p.isDifferentiableInput(i) && active.contains(in.get(i));
            List<T> cts = p.vjp(ops, in, s.output(), g, s.attrs(), needsGrad);
            for (int i = 0; i < in.size(); i++) {
                T x = in.get(i);
                if (!p.isDifferentiableInput(i) || !active.contains(x)) continue;
                T c = cts.get(i);
                if (c != null) accumulate(ops, cot, x, conform(ops, p, i, x, c));
            }
        }
        List<T> out = new ArrayList<>(primals.size());
        for (int i = 0; i < primals.size(); i++) {
            T x = primals.get(i);
            if (!wrt[i] || !ops.dtype(x).isFloating()) {
                out.add(null);
            } else {
                T c = cot.get(x);
                out.add(c != null ? c : ops.zerosLike(x));
            }
        }
        return out;
    }

    /**
     * Values that depend differentiably on a requested primal. Only floating values count: an
     * integer or bool result (a comparison, an index, a cast to int) cuts the dependence.
     */
    static <T> Set<T> activeValues(Ops<T> ops, List<Step<T>> steps, List<T> primals, boolean[] wrt) {
        Set<T> active = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < primals.size(); i++) {
            if (wrt[i] && ops.dtype(primals.get(i)).isFloating()) active.add(primals.get(i));
        }
        for (Step<T> s : steps) {
            Primitive p = s.primitive();
            if (p.derivative() == Primitive.Derivative.NONE || !ops.dtype(s.output()).isFloating()) continue;
            List<T> in = s.inputs();
            for (int i = 0; i < in.size(); i++) {
                if (p.isDifferentiableInput(i) && active.contains(in.get(i))) {
                    active.add(s.output());
                    break;
                }
            }
        }
        return active;
    }

    /** Checks a rule's cotangent against its input; a dtype difference is cast away, a shape difference is a rule bug. */
    private static <T> T conform(Ops<T> ops, Primitive p, int index, T x, T c) {
        TensorType want = ops.typeOf(x), got = ops.typeOf(c);
        if (!want.shape().equals(got.shape())) {
            throw new IllegalStateException("VJP rule of " + p.name() + " returned a cotangent " + got + " for input " + index
                    + " of type " + want + "; expected the input's shape");
        }
        return ops.cast(c, want.dtype());
    }

    private static <T> void accumulate(Ops<T> ops, Map<T, T> cot, T x, T c) {
        T prev = cot.get(x);
        cot.put(x, prev == null ? c : ops.add(prev, c));
    }
}
