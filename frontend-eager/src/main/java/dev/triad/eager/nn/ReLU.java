package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** {@code max(x, 0)}, elementwise. */
public class ReLU extends Module {
    /** The activation (no parameters). */
    public ReLU() {}

    @Override
    public Tensor forward(Tensor x) { return x.relu(); }
}
