package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** GELU: exact ({@code x * Phi(x)}) or with the tanh approximation ({@code approximate = "tanh"}). */
public class GELU extends Module {
    private final boolean tanh;

    /** The exact form. */
    public GELU() { this("none"); }

    /** {@code "none"} (exact) or {@code "tanh"}. */
    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("approximate must be 'none' or 'tanh', got '" + approximate + "'");
        }
        this.tanh = approximate.equals("tanh");
    }

    @Override
    public Tensor forward(Tensor x) { return tanh ? F.geluTanh(x) : x.gelu(); }

    @Override
    protected String extraRepr() { return tanh ? "approximate='tanh'" : ""; }
}
