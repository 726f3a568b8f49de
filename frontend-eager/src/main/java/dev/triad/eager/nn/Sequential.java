package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

import java.util.List;

/**
 * Runs its layers in order. Layers are named by {@link #add(String, Module)} or numbered
 * {@code "0", "1", ...} as in PyTorch; a layer's errors name it, e.g.
 * {@code [layer 'fc1' of Sequential]}.
 */
public class Sequential extends Module {
    /** An empty container; add layers with {@link #add}. */
    public Sequential() {}

    /** Layers numbered from 0. */
    public Sequential(Module... layers) {
        for (Module m : layers) add(m);
    }

    /** Appends a named layer. Returns this, for chaining. */
    public Sequential add(String name, Module layer) {
        if (namedChildren().containsKey(name)) throw new IllegalArgumentException("a layer named '" + name + "' already exists");
        registerModule(name, layer);
        return this;
    }

    /** Appends a layer named by its position. Returns this. */
    public Sequential add(Module layer) { return add(Integer.toString(size()), layer); }

    /** The layer at {@code index}. */
    public Module get(int index) { return children().get(index); }

    /** The layer called {@code name}, or null. */
    public Module get(String name) { return namedChildren().get(name); }

    /** Number of layers. */
    public int size() { return namedChildren().size(); }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        List<Module> layers = children();
        for (Module m : layers) h = m.apply(h);
        return h;
    }
}
