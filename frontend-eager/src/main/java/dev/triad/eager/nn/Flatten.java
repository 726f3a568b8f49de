package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** Flattens dims {@code startDim..endDim} (by default all but the batch dim) into one, as a view when possible. */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens dims 1..-1. */
    public Flatten() { this(1, -1); }

    /** Flattens dims {@code startDim..endDim}. */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) { return x.flatten(startDim, endDim); }

    @Override
    protected String extraRepr() { return "start_dim=" + startDim + ", end_dim=" + endDim; }
}
