package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Triad;

/** 2-d convolution over {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}), as {@code torch.nn.Conv2d}. */
public class Conv2d extends ConvNd {
    /** Square kernel, stride 1, no padding. */
    public Conv2d(int inChannels, int outChannels, int kernel) { this(inChannels, outChannels, kernel, 1, 0); }

    /** Square kernel with stride and symmetric padding. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, padding, 1, 1, true, Triad.defaultGenerator());
    }

    /** Square kernel with {@code padding} {@code "same"} or {@code "valid"} (stride 1). */
    public Conv2d(int inChannels, int outChannels, int kernel, String padding) {
        super(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {1, 1}, null, padding, new int[] {1, 1}, 1, true,
                Triad.defaultGenerator());
    }

    /** Every option, square kernel. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups, boolean bias, Generator g) {
        super(inChannels, outChannels, Shapes.repeat(kernel, 2), Shapes.repeat(stride, 2), Shapes.repeat(padding, 2), null,
                Shapes.repeat(dilation, 2), groups, bias, g);
    }

    /** Every option, rectangular kernel ({@code {kh, kw}}) and per-dim stride, padding and dilation. */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias, Generator g) {
        super(inChannels, outChannels, kernel, stride, padding, null, dilation, groups, bias, g);
    }
}
