package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Triad;

/** 1-d convolution over {@code [N, C, L]} (or unbatched {@code [C, L]}), as {@code torch.nn.Conv1d}. */
public class Conv1d extends ConvNd {
    /** Stride 1, no padding. */
    public Conv1d(int inChannels, int outChannels, int kernel) { this(inChannels, outChannels, kernel, 1, 0); }

    /** With stride and symmetric padding. */
    public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, padding, 1, 1, true, Triad.defaultGenerator());
    }

    /** With {@code padding} {@code "same"} or {@code "valid"} (stride 1). */
    public Conv1d(int inChannels, int outChannels, int kernel, String padding) {
        super(inChannels, outChannels, new int[] {kernel}, new int[] {1}, null, padding, new int[] {1}, 1, true, Triad.defaultGenerator());
    }

    /** Every option. */
    public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups, boolean bias, Generator g) {
        super(inChannels, outChannels, new int[] {kernel}, new int[] {stride}, new int[] {padding}, null, new int[] {dilation}, groups, bias, g);
    }
}
