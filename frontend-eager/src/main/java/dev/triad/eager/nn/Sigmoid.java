package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** {@code 1 / (1 + exp(-x))}, elementwise. */
public class Sigmoid extends Module {
    /** The activation (no parameters). */
    public Sigmoid() {}

    @Override
    public Tensor forward(Tensor x) { return x.sigmoid(); }
}
