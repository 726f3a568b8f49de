package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** {@code tanh(x)}, elementwise. */
public class Tanh extends Module {
    /** The activation (no parameters). */
    public Tanh() {}

    @Override
    public Tensor forward(Tensor x) { return x.tanh(); }
}
