package dev.triad.eager.optim;

import dev.triad.eager.Autograd;
import dev.triad.eager.GradMode;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the optimizers: one group of parameters with named hyper-parameters ({@code lr},
 * ...), per-parameter state tensors created on the first step, and a step counter per
 * parameter. {@link #step()} updates every parameter that has a gradient, in place, under
 * no-grad, inside its own scope.
 *
 * <p>State dict keys: {@code state.<i>.<name>} for the state tensors of parameter {@code i}
 * (plus {@code state.<i>.step}, a 0-d f64 tensor) and {@code group.<hyper-parameter>} (0-d f64
 * tensors). All returned tensors belong to the optimizer.
 */
public abstract class Optimizer implements AutoCloseable {
    private final List<Tensor> params;
    private final Map<String, Double> hyper = new LinkedHashMap<>();
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private final long[] steps;
    private Double initialLr;
    // Scalars handed out by stateDict, kept so that they are released with the optimizer.
    private final Map<String, Tensor> exportedScalars = new LinkedHashMap<>();
    private final Map<String, Double> exportedValues = new LinkedHashMap<>();

    /** An optimizer over {@code params} (each once) with learning rate {@code lr}. */
    protected Optimizer(List<Tensor> params, double lr) {
        if (params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        if (lr < 0) throw new IllegalArgumentException("invalid learning rate: " + lr);
        this.params = List.copyOf(params);
        for (Tensor p : this.params) {
            if (!p.isLeaf()) throw new TriadException("optimizer", "can't optimize a non-leaf tensor " + p.type());
            state.add(new LinkedHashMap<>());
        }
        this.steps = new long[params.size()];
        hyper.put("lr", lr);
    }

    /** Declares a hyper-parameter (saved in the state dict as {@code group.<name>}). */
    protected final void hyper(String name, double value) { hyper.put(name, value); }

    /** The value of hyper-parameter {@code name}. */
    public final double get(String name) {
        Double v = hyper.get(name);
        if (v == null) throw new IllegalArgumentException(getClass().getSimpleName() + " has no hyper-parameter '" + name + "'; it has " + hyper.keySet());
        return v;
    }

    /** Sets hyper-parameter {@code name}. */
    public final void set(String name, double value) {
        get(name);
        hyper.put(name, value);
    }

    /** The learning rate. */
    public final double lr() { return get("lr"); }

    /** Sets the learning rate (what schedulers call). */
    public final void setLr(double lr) { set("lr", lr); }

    /** The learning rate the first scheduler saw (PyTorch's {@code initial_lr}); schedulers scale it. */
    final double initialLr() {
        if (initialLr == null) initialLr = lr();
        return initialLr;
    }

    /** The parameters. */
    public final List<Tensor> parameters() { return params; }

    /** Updates every parameter that has a gradient. */
    public final void step() {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.grad();
                if (grad == null) continue;
                steps[i]++;
                update(p, grad, new State(state.get(i), p), steps[i]);
            }
        }
    }

    /**
     * Updates {@code p} in place from {@code grad}; {@code step} counts this parameter's updates
     * (1 on the first). Runs under no-grad inside a scope that closes every temporary.
     */
    protected abstract void update(Tensor p, Tensor grad, State st, long step);

    /** Closes and forgets every parameter's gradient (PyTorch's {@code zero_grad()}, set_to_none). */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** Per-parameter state tensors, created lazily and owned by the optimizer. */
    public static final class State {
        private final Map<String, Tensor> tensors;
        private final Tensor param;

        State(Map<String, Tensor> tensors, Tensor param) {
            this.tensors = tensors;
            this.param = param;
        }

        /** The state tensor {@code name}, or null before it exists. */
        public Tensor get(String name) { return tensors.get(name); }

        /** The state tensor {@code name}, created as zeros like the parameter on first use. */
        public Tensor zeros(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                t = Scope.escape(Tensors.zerosLike(param));
                tensors.put(name, t);
            }
            return t;
        }

        /** Stores {@code value} (copied; owned by the optimizer) as state {@code name}. */
        public Tensor put(String name, Tensor value) {
            Tensor old = tensors.get(name);
            if (old != null) {
                old.copy_(value);
                return old;
            }
            Tensor t = Scope.escape(value.clone());
            tensors.put(name, t);
            return t;
        }
    }

    // ---- state dicts -------------------------------------------------------------------------

    /** Every state tensor and hyper-parameter by name (see the class comment for the keys). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (steps[i] == 0 && state.get(i).isEmpty()) continue;
            for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) out.put("state." + i + "." + e.getKey(), e.getValue());
            out.put("state." + i + ".step", scalar("state." + i + ".step", steps[i]));
        }
        for (Map.Entry<String, Double> e : hyper.entrySet()) out.put("group." + e.getKey(), scalar("group." + e.getKey(), e.getValue()));
        return out;
    }

    private Tensor scalar(String key, double value) {
        Tensor t = exportedScalars.get(key);
        Double v = exportedValues.get(key);
        if (t != null && v != null && v == value) return t;
        if (t != null) t.close();
        t = Scope.escape(Tensors.scalar(value, DType.F64));
        exportedScalars.put(key, t);
        exportedValues.put(key, value);
        return t;
    }

    /**
     * Loads state saved by {@link #stateDict()}: state tensors are copied in (created when
     * missing), step counts and hyper-parameters are set. Unknown keys are an error.
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            for (Map.Entry<String, Tensor> e : saved.entrySet()) {
                String key = e.getKey();
                Tensor value = e.getValue();
                if (key.startsWith("group.")) {
                    String name = key.substring(6);
                    if (!hyper.containsKey(name)) throw unknown(key);
                    hyper.put(name, value.item());
                } else if (key.startsWith("state.")) {
                    int dot = key.indexOf('.', 6);
                    if (dot < 0) throw unknown(key);
                    int i;
                    try {
                        i = Integer.parseInt(key.substring(6, dot));
                    } catch (NumberFormatException ex) {
                        throw unknown(key);
                    }
                    if (i < 0 || i >= params.size()) throw unknown(key);
                    String name = key.substring(dot + 1);
                    if (name.equals("step")) {
                        steps[i] = (long) value.item();
                        continue;
                    }
                    Tensor p = params.get(i);
                    if (!value.shape().equals(p.shape())) {
                        throw new ShapeException("load_state_dict", "optimizer state " + key + " has shape " + value.shape() + " but parameter " + i
                                + " has shape " + p.shape());
                    }
                    Tensor converted = value.to(p.dtype()).to(p.backend());
                    new State(state.get(i), p).put(name, converted);
                } else {
                    throw unknown(key);
                }
            }
        }
    }

    private TriadException unknown(String key) {
        return new TriadException("load_state_dict", "unexpected key '" + key + "' in the state dict of " + getClass().getSimpleName()
                + " (" + params.size() + " parameters, hyper-parameters " + hyper.keySet() + ")");
    }

    /** Closes every state tensor. */
    @Override
    public void close() {
        for (Map<String, Tensor> m : state) {
            for (Tensor t : m.values()) t.close();
            m.clear();
        }
        for (Tensor t : exportedScalars.values()) t.close();
        exportedScalars.clear();
    }
}
