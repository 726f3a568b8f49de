package dev.triad.bench.training;

import static dev.triad.functional.Transforms.jit;

import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.lax;
import dev.triad.functional.np;
import dev.triad.functional.optim.GradientTransformation;
import dev.triad.functional.optim.Optimizers;
import dev.triad.functional.optim.Update;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functional (JAX-style) step: one {@code jit}-compiled pure function from (parameters,
 * optimizer state, batch) to (new parameters, new state, loss), built from
 * {@code valueAndGrad} of the loss and an optax-style update. Traced and compiled on the first
 * call; later calls hit the jit cache.
 */
public final class FunctionalTrainStep implements TrainStep {
    /**
     * The training state, a pytree.
     *
     * @param params parameters by name
     * @param opt the optimizer's state
     */
    public record State(Map<String, Array> params, Object opt) {}

    private final Backend backend;
    private final Jitted2<State, List<Array>, List<Object>> jitted;
    private final List<Array> batch;
    private State state;

    /** Uploads the spec's weights and batch to {@code backend} and prepares (but does not yet trace) the jitted step. */
    public FunctionalTrainStep(TrainSpec spec, Backend backend) {
        this.backend = backend;
        this.jitted = jitStep(spec);
        try (Platform.Restore _ = Platform.use(backend)) {
            Map<String, Array> params = new LinkedHashMap<>();
            for (Map.Entry<String, HostArray> e : spec.initialWeightArrays().entrySet()) params.put(e.getKey(), np.asarray(e.getValue()));
            state = new State(params, optimizer(spec).init(params));
            batch = List.of(np.asarray(spec.imageArray()), np.asarray(spec.labelArray()));
        }
    }

    static GradientTransformation optimizer(TrainSpec spec) { return spec.adam() ? Optimizers.adam(spec.lr()) : Optimizers.sgd(spec.lr()); }

    /** A fresh jitted training step for {@code spec} (nothing traced yet). */
    static Jitted2<State, List<Array>, List<Object>> jitStep(TrainSpec spec) {
        GradientTransformation opt = optimizer(spec);
        Fn lossFn = args -> {
            @SuppressWarnings("unchecked")
            Map<String, Array> p = (Map<String, Array>) args[0];
            @SuppressWarnings("unchecked")
            List<Array> b = (List<Array>) args[1];
            return Networks.loss(lax.ops(), spec, p, b.get(0), b.get(1));
        };
        Fn lossAndGrad = Transforms.valueAndGrad(lossFn, new int[] {0}, false);
        return jit((State s, List<Array> b) -> {
            List<?> r = (List<?>) lossAndGrad.apply(s.params(), b);
            @SuppressWarnings("unchecked")
            Map<String, Array> grads = (Map<String, Array>) r.get(1);
            Update<Map<String, Array>> u = opt.update(grads, s.opt(), s.params());
            return List.of(new State(Optimizers.applyUpdates(s.params(), u.updates()), u.state()), r.get(0));
        });
    }

    /** The current state and batch, as the jitted function takes them (for compile-only timing). */
    Object[] arguments() { return new Object[] {state, batch}; }

    /** The jitted function. */
    Jitted2<State, List<Array>, List<Object>> jitted() { return jitted; }

    @Override
    public double step() {
        // The backend override is per thread, and JMH may run iterations on different threads.
        try (Platform.Restore _ = Platform.use(backend); Scope scope = Scope.open()) {
            List<Object> out = jitted.apply(state, batch);
            State next = scope.keep((State) out.get(0));
            double loss = ((Array) out.get(1)).item();
            Tree.treeClose(state);
            state = next;
            backend.synchronize();
            return loss;
        }
    }

    @Override
    public void close() {
        Tree.treeClose(state);
        Tree.treeClose(batch);
        jitted.close();
    }
}
