package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.GradMode;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of every layer and model, as in PyTorch: named parameters, buffers and submodules
 * (registered in order, addressed by dotted paths such as {@code features.0.weight}),
 * train/eval mode, and state dicts. Subclasses implement {@link #forward}; callers should use
 * {@link #apply}, which runs forward and names this layer in any shape or dtype error raised
 * inside it.
 *
 * <p>Parameters and buffers never belong to a {@link Scope}: a model built inside a scope
 * outlives it. Close a model with {@link #close()} when done with it.
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private Module parent;
    private String nameInParent;

    /** Computes the layer's output; call {@link #apply} to get errors that name the layer. */
    public abstract Tensor forward(Tensor input);

    /** Runs {@link #forward}; a shape or dtype error from inside names this layer and its path. */
    public final Tensor apply(Tensor input) {
        try {
            return forward(input);
        } catch (TriadException e) {
            throw LayerErrors.locate(this, e);
        }
    }

    // ---- registration ------------------------------------------------------------------------

    /**
     * Registers {@code p} as parameter {@code name}: it becomes a leaf that requires grad and
     * belongs to this module (no scope closes it). Returns {@code p}.
     */
    protected Tensor registerParameter(String name, Tensor p) {
        checkName(name);
        if (p != null) {
            Scope.escape(p);
            if (!p.requiresGrad()) p.requiresGrad_(true);
        }
        Tensor old = parameters.put(name, p);
        if (old != null && old != p) old.close();
        return p;
    }

    /** Registers a buffer (state that is saved but not trained, e.g. running statistics). Returns it. */
    protected Tensor registerBuffer(String name, Tensor b) {
        checkName(name);
        if (b != null) Scope.escape(b);
        Tensor old = buffers.put(name, b);
        if (old != null && old != b) old.close();
        return b;
    }

    /** Registers a submodule; its parameters appear as {@code name.param}. Returns it. */
    protected <M extends Module> M registerModule(String name, M m) {
        checkName(name);
        children.put(name, m);
        ((Module) m).parent = this;
        ((Module) m).nameInParent = name;
        return m;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a module attribute name must be non-empty and contain no '.', got '" + name + "'");
        }
    }

    /** Parameter {@code name} of this module itself (not of submodules), or null. */
    protected Tensor parameter(String name) { return parameters.get(name); }

    /** Buffer {@code name} of this module itself, or null. */
    protected Tensor buffer(String name) { return buffers.get(name); }

    // ---- traversal ---------------------------------------------------------------------------

    /** Every parameter of this module and its submodules, each once, in registration order. */
    public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Every parameter by dotted path; a parameter shared by two modules appears once. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(out, seen, "", true);
        return out;
    }

    /** Every buffer by dotted path. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, Collections.newSetFromMap(new IdentityHashMap<>()), "", false);
        return out;
    }

    /** Every buffer. */
    public List<Tensor> buffers() { return new ArrayList<>(namedBuffers().values()); }

    private void collect(Map<String, Tensor> out, Set<Tensor> seen, String prefix, boolean params) {
        for (Map.Entry<String, Tensor> e : (params ? parameters : buffers).entrySet()) {
            if (e.getValue() != null && seen.add(e.getValue())) out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().collect(out, seen, prefix + c.getKey() + ".", params);
    }

    /** The direct submodules by name. */
    public Map<String, Module> namedChildren() { return Collections.unmodifiableMap(children); }

    /** The direct submodules. */
    public List<Module> children() { return new ArrayList<>(children.values()); }

    /** This module and every submodule by dotted path (this one under {@code ""}). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        addModules(out, "");
        return out;
    }

    private void addModules(Map<String, Module> out, String path) {
        out.put(path, this);
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().addModules(out, path.isEmpty() ? c.getKey() : path + "." + c.getKey());
    }

    // ---- modes -------------------------------------------------------------------------------

    /** Training mode for this module and its submodules (dropout active, batch statistics). Returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children.values()) c.train(mode);
        return this;
    }

    /** Same as {@code train(true)}. */
    public Module train() { return train(true); }

    /** Evaluation mode ({@code train(false)}). */
    public Module eval() { return train(false); }

    /** True in training mode. */
    public boolean isTraining() { return training; }

    /** Closes and forgets the gradient of every parameter (PyTorch's {@code zero_grad()}). */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /**
     * Moves every parameter and buffer to {@code backend} in place: the tensor objects stay the
     * same (so optimizers built afterwards see them), their storage moves. Gradients are
     * dropped. Returns this.
     */
    public Module to(Backend backend) {
        try (var _ = Autograd.noGrad()) {
            for (Tensor t : allTensors()) {
                if (t.backend() == backend) continue;
                t.zeroGrad();
                try (Tensor moved = t.to(backend)) {
                    t.set_(moved);
                }
            }
        }
        return this;
    }

    /**
     * Converts every floating parameter and buffer to {@code dtype} in place (PyTorch's
     * {@code .double()}, {@code .float()}): used for float64 gradient checks. Returns this.
     */
    public Module to(DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException("modules convert to floating dtypes only, got " + dtype);
        try (var _ = Autograd.noGrad()) {
            for (Tensor t : allTensors()) {
                if (!t.dtype().isFloating() || t.dtype() == dtype) continue;
                t.zeroGrad();
                try (Tensor converted = t.to(dtype)) {
                    t.set_(converted);
                }
            }
        }
        return this;
    }

    private List<Tensor> allTensors() {
        List<Tensor> all = new ArrayList<>(parameters());
        all.addAll(buffers());
        return all;
    }

    // ---- state dicts ---------------------------------------------------------------------------

    /**
     * Parameters and buffers by dotted path (the live tensors, as PyTorch returns them; call
     * {@code toHost()} to snapshot or save them).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        addState(out, "");
        return out;
    }

    private void addState(Map<String, Tensor> out, String prefix) {
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) if (e.getValue() != null) out.put(prefix + e.getKey(), e.getValue());
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) if (e.getValue() != null) out.put(prefix + e.getKey(), e.getValue());
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().addState(out, prefix + c.getKey() + ".");
    }

    /** What {@link #loadStateDict(Map, boolean)} could not match. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /** Loads every parameter and buffer from {@code state}; keys must match exactly. */
    public LoadResult loadStateDict(Map<String, Tensor> state) { return loadStateDict(state, true); }

    /**
     * Copies values from {@code state} into the parameters and buffers (in place, converting
     * dtype and backend). With {@code strict}, missing or unexpected keys are an error;
     * a shape mismatch always is.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new TriadException("load_state_dict", "error(s) in loading state dict for " + getClass().getSimpleName()
                    + ": missing keys " + missing + ", unexpected keys " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            if (!src.shape().equals(e.getValue().shape())) {
                throw new ShapeException("load_state_dict", "size mismatch for " + e.getKey() + ": copying a param with shape "
                        + src.shape() + " from the state dict, the shape in the current model is " + e.getValue().shape());
            }
        }
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null && src != e.getValue()) e.getValue().copy_(src);
            }
        }
        return new LoadResult(missing, unexpected);
    }

    // ---- naming --------------------------------------------------------------------------------

    /**
     * The arguments shown between the parentheses of this layer's description, e.g.
     * {@code in_features=2704, out_features=128}. Empty by default.
     */
    protected String extraRepr() { return ""; }

    /** One line: {@code Linear(in_features=2704, out_features=128)}. */
    public String describe() { return getClass().getSimpleName() + "(" + extraRepr() + ")"; }

    /**
     * Where this module sits, e.g. {@code layer 'fc1' of Sequential} or
     * {@code layer 'features.conv1' of Net}; null for a module without parent.
     */
    public String location() {
        if (parent == null) return null;
        StringBuilder path = new StringBuilder(nameInParent);
        Module m = parent;
        while (m.parent != null) {
            path.insert(0, m.nameInParent + ".");
            m = m.parent;
        }
        return "layer '" + path + "' of " + m.getClass().getSimpleName();
    }

    /** The multi-line description PyTorch prints for a model. */
    @Override
    public String toString() {
        if (children.isEmpty()) return describe();
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append("(");
        String extra = extraRepr();
        if (!extra.isEmpty()) b.append("\n  ").append(extra);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            b.append("\n  (").append(c.getKey()).append("): ").append(c.getValue().toString().replace("\n", "\n  "));
        }
        return b.append("\n)").toString();
    }

    /** Closes every parameter and buffer (and their gradients). */
    @Override
    public void close() {
        for (Tensor t : allTensors()) t.close();
    }
}
