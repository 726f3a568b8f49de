package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** Average pooling to a fixed output size ({@code torch.nn.AdaptiveAvgPool2d}). */
public class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /** Square output {@code size x size}. */
    public AdaptiveAvgPool2d(int size) { this(size, size); }

    /** Output {@code outH x outW}. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    public Tensor forward(Tensor x) { return F.adaptiveAvgPool2d(x, outH, outW); }

    @Override
    protected String extraRepr() { return "output_size=(" + outH + ", " + outW + ")"; }
}
