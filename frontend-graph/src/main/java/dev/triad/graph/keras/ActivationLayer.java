package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;

/** An activation as a layer of its own, like Keras' {@code Activation('relu')} or {@code ReLU()}. */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    /** A layer applying {@code activation}. */
    public ActivationLayer(Activation activation) {
        super(activation.kerasName());
        this.activation = activation;
    }

    @Override
    protected Output call(GraphBuilder g, Output x) { return activation.apply(g, x); }

    @Override
    public String describe() { return "Activation(" + activation.kerasName() + ")"; }
}
