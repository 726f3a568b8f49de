package dev.triad.functional.optim;

import dev.triad.functional.Array;
import dev.triad.functional.np;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Optimizers as pure functions, Optax style: building blocks ({@link #scale},
 * {@link #traceMomentum}, {@link #scaleByAdam}, {@link #addDecayedWeights},
 * {@link #clipByGlobalNorm}, {@link #scaleBySchedule}) composed with {@link #chain} into the
 * usual optimizers ({@link #sgd}, {@link #momentum}, {@link #adam}, {@link #adamw}). The
 * updates follow Optax's definitions, which coincide with PyTorch's SGD (dampening 0), Adam
 * and AdamW.
 */
public final class Optimizers {
    private Optimizers() {}

    /** One step of a transformation over erased pytrees. */
    @FunctionalInterface
    interface Step {
        Update<Object> apply(Object grads, Object state, Object params);
    }

    /** A transformation from an init function and a step. */
    static GradientTransformation of(java.util.function.Function<Object, Object> init, Step step) {
        return new GradientTransformation() {
            @Override public Object init(Object params) { return init.apply(params); }
            @Override
            @SuppressWarnings("unchecked")
            public <P> Update<P> update(P grads, Object state, P params) {
                Update<Object> u = step.apply(grads, state, params);
                return new Update<>((P) u.updates(), u.state());
            }
        };
    }

    /** {@code params + updates}, leaf by leaf. */
    public static <P> P applyUpdates(P params, P updates) { return Tree.treeMap(np::add, params, updates); }

    /** The L2 norm of all leaves together. */
    public static Array globalNorm(Object tree) {
        Array total = null;
        for (Array leaf : Tree.treeLeaves(tree)) {
            Array s = np.sum(np.square(np.astype(leaf, DType.F32)));
            total = total == null ? s : np.add(total, s);
        }
        return total == null ? np.scalar(0) : np.sqrt(total);
    }

    private static Object zerosLike(Object params) { return Tree.treeMap(np::zerosLike, params); }

    private static Array zeroCount() { return np.zeros(Shape.SCALAR, DType.I32); }

    // ---- building blocks ----------------------------------------------------------------------

    /** Leaves the gradients as they are. */
    public static GradientTransformation identity() { return of(p -> new States.Empty(), (g, s, p) -> new Update<>(g, s)); }

    /** Multiplies the updates by {@code factor}. */
    public static GradientTransformation scale(double factor) {
        return of(p -> new States.Empty(), (g, s, p) -> new Update<>(Tree.treeMap(x -> np.multiply(x, factor), g), s));
    }

    /** Multiplies the updates by {@code schedule(count)} and counts the step. */
    public static GradientTransformation scaleBySchedule(Schedule schedule) {
        return of(p -> new States.Count(zeroCount()), (g, s, p) -> {
            Array count = ((States.Count) s).count();
            Array factor = schedule.apply(count);
            Object u = Tree.treeMap(x -> np.multiply(x, np.astype(factor, x.dtype())), g);
            return new Update<>(u, new States.Count(np.add(count, 1.0)));
        });
    }

    /**
     * Momentum ({@code optax.trace}): {@code t = g + decay * t}; the update is {@code t}, or with
     * Nesterov {@code g + decay * t}.
     */
    public static GradientTransformation traceMomentum(double decay, boolean nesterov) {
        return of(p -> new States.Trace(zerosLike(p)), (g, s, p) -> {
            Object t = Tree.treeMap((x, tr) -> np.add(x, np.multiply(tr, decay)), g, ((States.Trace) s).trace());
            Object u = nesterov ? Tree.treeMap((x, tr) -> np.add(x, np.multiply(tr, decay)), g, t) : t;
            return new Update<>(u, new States.Trace(t));
        });
    }

    /**
     * Adam's scaling: bias-corrected first and second moments,
     * {@code m_hat / (sqrt(v_hat) + eps)}.
     */
    public static GradientTransformation scaleByAdam(double b1, double b2, double eps) {
        return of(p -> new States.ScaleByAdam(zeroCount(), zerosLike(p), zerosLike(p)), (g, s, p) -> {
            States.ScaleByAdam st = (States.ScaleByAdam) s;
            Object mu = Tree.treeMap((x, m) -> np.add(np.multiply(m, b1), np.multiply(x, 1 - b1)), g, st.mu());
            Object nu = Tree.treeMap((x, v) -> np.add(np.multiply(v, b2), np.multiply(np.square(x), 1 - b2)), g, st.nu());
            Array count = np.add(st.count(), 1.0);
            // 1 - b^t on the traced count, in F64 as the host-side arithmetic of other frameworks is.
            Array step = np.astype(count, DType.F64);
            Array c1 = np.subtract(1.0, np.exp(np.multiply(step, Math.log(b1))));
            Array c2 = np.subtract(1.0, np.exp(np.multiply(step, Math.log(b2))));
            Object u = Tree.treeMapN(l -> {
                Array mHat = np.divide(l.get(0), np.astype(c1, l.get(0).dtype()));
                Array vHat = np.divide(l.get(1), np.astype(c2, l.get(1).dtype()));
                return np.divide(mHat, np.add(np.sqrt(vHat), eps));
            }, mu, nu);
            return new Update<>(u, new States.ScaleByAdam(count, mu, nu));
        });
    }

    /** Adds {@code weightDecay * params} to the updates (decoupled weight decay, as in AdamW). */
    public static GradientTransformation addDecayedWeights(double weightDecay) {
        return of(p -> new States.Empty(), (g, s, p) -> {
            if (p == null) throw new TriadException("add_decayed_weights", "needs the parameters; pass them to update");
            return new Update<>(Tree.treeMap((x, w) -> np.add(x, np.multiply(w, weightDecay)), g, p), s);
        });
    }

    /** Scales all updates down together when their global L2 norm exceeds {@code maxNorm}. */
    public static GradientTransformation clipByGlobalNorm(double maxNorm) {
        return of(p -> new States.Empty(), (g, s, p) -> {
            Array norm = globalNorm(g);
            Array keep = np.less(norm, maxNorm);
            Object u = Tree.treeMap(x -> np.where(keep, x, np.multiply(np.divide(x, np.astype(norm, x.dtype())), maxNorm)), g);
            return new Update<>(u, s);
        });
    }

    /** Applies {@code transformations} in order; the state is the list of their states. */
    public static GradientTransformation chain(GradientTransformation... transformations) {
        List<GradientTransformation> ts = List.of(transformations);
        return of(p -> {
            List<Object> states = new ArrayList<>(ts.size());
            for (GradientTransformation t : ts) states.add(t.init(p));
            return new States.Chain(states);
        }, (g, s, p) -> {
            List<Object> in = ((States.Chain) s).states();
            List<Object> out = new ArrayList<>(in.size());
            Object u = g;
            for (int i = 0; i < ts.size(); i++) {
                Update<Object> r = ts.get(i).update(u, in.get(i), p);
                u = r.updates();
                out.add(r.state());
            }
            return new Update<>(u, new States.Chain(out));
        });
    }

    private static GradientTransformation learningRate(double lr) { return scale(-lr); }

    private static GradientTransformation learningRate(Schedule lr) {
        return scaleBySchedule(count -> np.negative(lr.apply(count)));
    }

    // ---- optimizers -----------------------------------------------------------------------------

    /** Plain SGD: {@code -lr * g}. */
    public static GradientTransformation sgd(double lr) { return learningRate(lr); }

    /** SGD with a learning-rate schedule. */
    public static GradientTransformation sgd(Schedule lr) { return learningRate(lr); }

    /** SGD with momentum (PyTorch's, dampening 0), optionally Nesterov. */
    public static GradientTransformation sgd(double lr, double momentum, boolean nesterov) {
        return momentum == 0 ? learningRate(lr) : chain(traceMomentum(momentum, nesterov), learningRate(lr));
    }

    /** SGD with momentum. */
    public static GradientTransformation momentum(double lr, double beta) { return sgd(lr, beta, false); }

    /** Adam with the usual defaults b1 = 0.9, b2 = 0.999, eps = 1e-8. */
    public static GradientTransformation adam(double lr) { return adam(lr, 0.9, 0.999, 1e-8); }

    /** Adam. */
    public static GradientTransformation adam(double lr, double b1, double b2, double eps) {
        return chain(scaleByAdam(b1, b2, eps), learningRate(lr));
    }

    /** Adam with a learning-rate schedule. */
    public static GradientTransformation adam(Schedule lr, double b1, double b2, double eps) {
        return chain(scaleByAdam(b1, b2, eps), learningRate(lr));
    }

    /** AdamW: Adam with decoupled weight decay. */
    public static GradientTransformation adamw(double lr, double b1, double b2, double eps, double weightDecay) {
        return chain(scaleByAdam(b1, b2, eps), addDecayedWeights(weightDecay), learningRate(lr));
    }

    /** AdamW with a learning-rate schedule. */
    public static GradientTransformation adamw(Schedule lr, double b1, double b2, double eps, double weightDecay) {
        return chain(scaleByAdam(b1, b2, eps), addDecayedWeights(weightDecay), learningRate(lr));
    }
}
