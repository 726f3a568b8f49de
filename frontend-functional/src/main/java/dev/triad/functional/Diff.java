package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.List;

/**
 * The differentiation transformations over general functions: reverse mode ({@code grad},
 * {@code valueAndGrad}, {@code vjp}) through {@link Reverse}, forward mode ({@code jvp})
 * through {@link JvpTrace}.
 */
final class Diff {
    private Diff() {}

    /** Value, auxiliary output and gradient of one call. */
    record ValueGradAux(Array value, Object aux, Object grad) {}

    /**
     * Differentiates {@code f} at {@code args} with respect to the arguments in {@code argnums}.
     * The gradient is one pytree for one argnum, a list of them for several. Without
     * {@code wantValue} the value is released (and null in the result).
     */
    static ValueGradAux valueAndGrad(Fn f, int[] argnums, boolean hasAux, boolean wantValue, Object[] args) {
        if (argnums.length == 0) throw new TriadException("grad", "argnums is empty; expected at least one argument to differentiate");
        try (Frame frame = Frame.enter()) {
            Args a = new Args("grad", args, argnums);
            for (Array x : a.leaves()) {
                if (!x.dtype().isFloating()) {
                    throw new DTypeException("grad", "an input to differentiate has type " + x.type()
                            + "; expected a floating type (integer and bool inputs have no gradient)");
                }
            }
            Reverse.Recording rec = Reverse.record(tracers -> f.apply(a.with(tracers)), a.leaves(), hasAux);
            List<Array> outs = rec.outputLeaves();
            Object out = rec.output();
            if (!(out instanceof Array value) || value.ndim() != 0 || !value.dtype().isFloating()) {
                String got = out instanceof Array v ? v.type().toString() : "a " + (out == null ? "null" : out.getClass().getSimpleName());
                throw new ShapeException("grad", "the function returned " + got
                        + "; expected a floating scalar (reduce it first, e.g. with np.sum or np.mean)"
                        + (hasAux ? "" : ", or use hasAux to return [value, aux]"));
            }
            List<Array> cts = rec.pullback(ArrayOps.OPS.onesLike(outs.get(0)));
            Object grad = a.selected(cts, argnums.length > 1);
            return frame.escape(new ValueGradAux(wantValue ? value : null, rec.aux(), grad));
        }
    }

    /** Output and pullback of {@code f} at {@code primals}; the pullback gives a list with one cotangent per argument. */
    static Vjp<Object, List<Object>> vjp(Fn f, Object[] primals) {
        Frame frame = Frame.enter();
        try {
            Args a = new Args("vjp", primals, Args.all(primals.length));
            Reverse.Recording rec = Reverse.record(tracers -> f.apply(a.with(tracers)), a.leaves(), false);
            Object out = frame.escape(rec.output());
            frame.detach();
            return new Vjp<>(out, ct -> {
                try (Frame inner = Frame.enter()) {
                    List<Array> cts = rec.pullback(ct);
                    List<Array> filled = new ArrayList<>(cts.size());
                    for (int i = 0; i < cts.size(); i++) {
                        Array c = cts.get(i);
                        filled.add(c != null ? c : ArrayOps.OPS.zerosLike(a.leaves().get(i)));
                    }
                    return inner.escape(java.util.Arrays.asList(a.with(filled)));
                }
            }, frame::close);
        } catch (RuntimeException e) {
            frame.close();
            throw e;
        }
    }

    /** Output and tangent of {@code f} at {@code primals} along {@code tangents} (same structures and types). */
    static Jvp<Object> jvp(Fn f, Object[] primals, Object[] tangents) {
        if (primals.length != tangents.length) {
            throw new ShapeException("jvp", "got " + tangents.length + " tangent(s) for " + primals.length + " primal(s); expected one per primal");
        }
        try (Frame frame = Frame.enter()) {
            Args p = new Args("jvp", primals, Args.all(primals.length));
            Args t = new Args("jvp", tangents, Args.all(tangents.length));
            checkTangents(p.leaves(), t.leaves());
            List<Array> primalOut = new ArrayList<>(), tangentOut = new ArrayList<>();
            Flat flat;
            try (var entry = TraceStack.push(JvpTrace::new)) {
                JvpTrace trace = entry.trace();
                List<Array> tracers = new ArrayList<>();
                for (int i = 0; i < p.leaves().size(); i++) {
                    Array x = p.leaves().get(i);
                    tracers.add(x.dtype().isFloating() ? trace.tracer(x, t.leaves().get(i)) : x);
                }
                flat = Tree.treeFlatten(f.apply(p.with(tracers)));
                for (Array y : flat.leaves()) {
                    Args.checkLive(y);
                    Array tan = trace.tangent(y);
                    Array prim = trace.primal(y);
                    primalOut.add(prim);
                    tangentOut.add(tan != null ? tan : ArrayOps.OPS.zerosLike(prim));
                }
            }
            return frame.escape(new Jvp<>(flat.def().unflatten(primalOut), flat.def().unflatten(tangentOut)));
        }
    }

    private static void checkTangents(List<Array> primals, List<Array> tangents) {
        if (primals.size() != tangents.size()) {
            throw new ShapeException("jvp", "the tangents have " + tangents.size() + " array leaves; the primals have " + primals.size());
        }
        for (int i = 0; i < primals.size(); i++) {
            Array x = primals.get(i), t = tangents.get(i);
            if (!x.dtype().isFloating()) continue;
            if (!t.type().equals(x.type())) {
                throw (t.shape().equals(x.shape()) ? new DTypeException("jvp", msg(i, x, t)) : new ShapeException("jvp", msg(i, x, t)));
            }
        }
    }

    private static String msg(int i, Array x, Array t) {
        return "tangent leaf " + i + " has type " + t.type() + "; expected " + x.type() + " (the type of its primal)";
    }
}
