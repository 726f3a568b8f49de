package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;

/** Inverted dropout in training mode, identity in eval mode; masks come from a {@link Generator}. */
public class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /** Drop probability {@code p}, masks from {@link Triad#defaultGenerator()} at the time of each call. */
    public Dropout(double p) { this(p, null); }

    /** Drop probability {@code p}, masks from {@code g}. */
    public Dropout(double p, Generator g) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.dropout(x, p, isTraining(), generator != null ? generator : Triad.defaultGenerator());
    }

    @Override
    protected String extraRepr() { return "p=" + p; }
}
