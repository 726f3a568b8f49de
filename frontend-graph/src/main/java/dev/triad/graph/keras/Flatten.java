package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;

/** Keeps the batch axis and flattens the others. */
public final class Flatten extends Layer {
    /** A flatten layer. */
    public Flatten() { super("flatten"); }

    @Override
    protected Output call(GraphBuilder g, Output x) { return g.flatten(x); }
}
