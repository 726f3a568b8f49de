package dev.triad.spi.autodiff;

import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse and forward mode for any {@link OpsFunction} over any {@link Ops}: the function runs
 * once over a recording {@code Ops} ({@link Tape}) and the primitives' VJP or JVP rules are
 * applied to what it did, through the same {@code ops}.
 *
 * <p>Because the rules run through the {@code ops} they are given, differentiation nests: when
 * {@code ops} is itself the recorder of an outer {@link #vjp} (an {@link OpsFunction} that calls
 * {@link #grad} with the {@code ops} it receives), the inner gradient computation is recorded
 * too and the outer pullback differentiates it — gradient of gradient, Hessian-vector products
 * ({@link #jvp} of {@link #gradOf}), and so on. Each level tracks values by identity on its own
 * tape, so a value captured from an outer level is a constant to the inner one.
 *
 * <p>Inputs are taken by identity; an object passed at two positions is given a fresh alias so
 * each position gets its own derivative. Integer and bool values carry no derivative.
 */
public final class Autodiff {
    private Autodiff() {}

    /**
     * Runs {@code f} on {@code primals} and returns its output with a pullback.
     *
     * @param ops the algebra to compute on (and to run the VJP rules on)
     * @param f the function, computing only through the {@code Ops} it is given
     * @param primals the inputs
     */
    public static <T> VjpResult<T> vjp(Ops<T> ops, OpsFunction<T> f, List<T> primals) {
        List<T> xs = Tape.distinct(ops, primals);
        Tape<T> tape = new Tape<>(ops);
        T out = f.apply(tape, xs);
        List<Step<T>> steps = tape.steps();
        TensorType outType = ops.typeOf(out);
        boolean[] all = new boolean[xs.size()];
        java.util.Arrays.fill(all, true);
        Pullback<T> pullback = ct -> {
            check("vjp", "cotangent", outType, ops.typeOf(ct), "the output's type");
            return Backward.cotangents(ops, steps, xs, all, out, ct);
        };
        return new VjpResult<>(out, pullback);
    }

    /**
     * Runs {@code f} on {@code primals} and differentiates it along {@code tangents}.
     *
     * @param tangents one per primal, of its type; null (or anything, for integer and bool
     *     primals) means the primal does not vary
     */
    public static <T> JvpResult<T> jvp(Ops<T> ops, OpsFunction<T> f, List<T> primals, List<T> tangents) {
        if (tangents.size() != primals.size()) {
            throw new ArityException("jvp", "got " + tangents.size() + " tangent(s) for " + primals.size() + " primal(s); expected one per primal");
        }
        List<T> ts = new ArrayList<>(tangents);
        for (int i = 0; i < primals.size(); i++) {
            TensorType p = ops.typeOf(primals.get(i));
            if (!p.dtype().isFloating()) {
                ts.set(i, null);
            } else if (ts.get(i) != null) {
                check("jvp", "tangent " + i, p, ops.typeOf(ts.get(i)), "the type of primal " + i);
            }
        }
        List<T> xs = Tape.distinct(ops, primals);
        Tape<T> tape = new Tape<>(ops);
        T out = f.apply(tape, xs);
        return new JvpResult<>(out, Forward.tangent(ops, tape.steps(), xs, ts, out));
    }

    /**
     * The gradient of a function with a floating scalar output: one entry per primal (null for
     * integer and bool primals).
     */
    public static <T> List<T> grad(Ops<T> ops, OpsFunction<T> f, List<T> primals) {
        VjpResult<T> r = vjp(ops, f, primals);
        TensorType t = ops.typeOf(r.output());
        if (t.rank() != 0 || !t.dtype().isFloating()) {
            throw new ShapeException("grad", "the function's output has type " + t
                    + "; expected a floating scalar (reduce it first, e.g. with sum or mean)");
        }
        return r.pullback().apply(ops.onesLike(r.output()));
    }

    /**
     * The function {@code xs -> grad(f)(xs)[argnum]}, itself an {@link OpsFunction}, so it can
     * be differentiated again (second and higher derivatives).
     */
    public static <T> OpsFunction<T> gradOf(OpsFunction<T> f, int argnum) {
        return (o, xs) -> {
            if (argnum < 0 || argnum >= xs.size()) {
                throw new ArityException("grad", "argnum " + argnum + " is out of range for " + xs.size() + " input(s)");
            }
            T g = grad(o, f, xs).get(argnum);
            if (g == null) {
                throw new DTypeException("grad", "input " + argnum + " has type " + o.typeOf(xs.get(argnum)) + "; expected a floating type");
            }
            return g;
        };
    }

    private static void check(String op, String what, TensorType expected, TensorType got, String expectation) {
        if (!expected.shape().equals(got.shape())) {
            throw new ShapeException(op, what + " has type " + got + "; expected " + expected + " (" + expectation + ")");
        }
        if (expected.dtype() != got.dtype()) {
            throw new DTypeException(op, what + " has type " + got + "; expected " + expected + " (" + expectation + ")");
        }
    }
}
