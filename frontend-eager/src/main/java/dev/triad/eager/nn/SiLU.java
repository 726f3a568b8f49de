package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** {@code x * sigmoid(x)}, elementwise. */
public class SiLU extends Module {
    /** The activation (no parameters). */
    public SiLU() {}

    @Override
    public Tensor forward(Tensor x) { return x.silu(); }
}
