package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;

import java.util.Locale;

/** Activation functions by their Keras names. */
public enum Activation {
    /** The identity (no activation). */ LINEAR,
    /** max(x, 0). */ RELU,
    /** Logistic sigmoid. */ SIGMOID,
    /** tanh. */ TANH,
    /** GELU (exact). */ GELU,
    /** Softmax over the last axis. */ SOFTMAX;

    /** Applies the activation. */
    public Output apply(GraphBuilder g, Output x) {
        return switch (this) {
            case LINEAR -> x;
            case RELU -> g.relu(x);
            case SIGMOID -> g.logistic(x);
            case TANH -> g.tanh(x);
            case GELU -> g.gelu(x);
            case SOFTMAX -> g.softmax(x, x.rank() - 1);
        };
    }

    /** The Keras name, e.g. {@code relu}. */
    public String kerasName() { return name().toLowerCase(Locale.ROOT); }
}
