package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Tensor;

import java.util.Arrays;

/**
 * What Conv1d and Conv2d share: the weight {@code [out, in/groups, k...]} (Kaiming uniform with
 * {@code a = sqrt(5)}), the bias ({@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}), padding that may be
 * asymmetric (PyTorch's {@code padding='same'}), and an input check that names the layer.
 */
public abstract class ConvNd extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padLow;
    private final int[] padHigh;
    private final int[] dilation;
    private final int groups;
    private final String paddingMode;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param padding symmetric padding per spatial dim, or null for {@code paddingMode}
     * @param paddingMode {@code "same"} or {@code "valid"} when {@code padding} is null
     */
    ConvNd(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation,
           int groups, boolean bias, Generator g) {
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups=" + groups + " must divide in_channels=" + inChannels + " and out_channels=" + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        if (padding != null) {
            this.padLow = padding.clone();
            this.padHigh = padding.clone();
            this.paddingMode = null;
        } else if ("same".equals(paddingMode)) {
            for (int s : stride) if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
            long[] k = new long[kernel.length];
            for (int i = 0; i < k.length; i++) k[i] = kernel[i];
            int[][] p = F.samePadding(k, dilation);
            this.padLow = p[0];
            this.padHigh = p[1];
            this.paddingMode = "same";
        } else if ("valid".equals(paddingMode)) {
            this.padLow = new int[kernel.length];
            this.padHigh = new int[kernel.length];
            this.paddingMode = "valid";
        } else {
            throw new IllegalArgumentException("padding must be 'same' or 'valid', got '" + paddingMode + "'");
        }
        long[] wShape = new long[kernel.length + 2];
        wShape[0] = outChannels;
        wShape[1] = inChannels / groups;
        long fanIn = inChannels / groups;
        for (int i = 0; i < kernel.length; i++) {
            wShape[2 + i] = kernel[i];
            fanIn *= kernel[i];
        }
        this.weight = registerParameter("weight", Init.defaultWeight(g, wShape));
        this.bias = bias ? registerParameter("bias", Init.defaultBias(g, outChannels, fanIn)) : null;
    }

    /** The weight {@code [out, in/groups, k...]}. */ public Tensor weight() { return weight; }
    /** The bias {@code [out]}, or null. */ public Tensor bias() { return bias; }

    @Override
    public Tensor forward(Tensor x) {
        int spatial = kernel.length;
        boolean unbatched = x.dim() == spatial + 1;
        if ((x.dim() != spatial + 2 && !unbatched) || x.size(unbatched ? 0 : 1) != inChannels) {
            String expected = spatial == 1 ? "[N, " + inChannels + ", L]" : "[N, " + inChannels + ", H, W]";
            throw LayerErrors.shape(this, "input has shape " + Shapes.show(x.shape()) + "; expected " + expected
                    + (x.dim() == spatial + 2 ? " (" + x.size(1) + " channels given, the layer takes " + inChannels + ")" : ""));
        }
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        Tensor y = F.conv(in, weight, bias, stride, padLow, padHigh, dilation, groups);
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected String extraRepr() {
        StringBuilder b = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Shapes.tuple(kernel)).append(", stride=").append(Shapes.tuple(stride));
        if (paddingMode != null) b.append(", padding='").append(paddingMode).append('\'');
        else if (Arrays.stream(padLow).anyMatch(p -> p != 0)) b.append(", padding=").append(Shapes.tuple(padLow));
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) b.append(", dilation=").append(Shapes.tuple(dilation));
        if (groups != 1) b.append(", groups=").append(groups);
        if (bias == null) b.append(", bias=False");
        return b.toString();
    }
}
