package dev.triad.backend.cuda;

/**
 * Whether a Triad convolution runs on cuDNN and as which call. Triad has one convolution
 * primitive with input (lhs) dilation; its gradient rules ({@code ConvPrimitive}) express
 * both gradients as convolutions again:
 * <ul>
 *   <li>no input dilation (the forward pass, the kernel gradient, and the input gradient of a
 *       stride-1 convolution): {@code cudnnConvolutionForward}, with cuDNN's symmetric padding
 *       equal to Triad's low padding, provided cuDNN's output size equals Triad's (high padding
 *       only decides how many outputs there are; out-of-range reads are zeros in both);</li>
 *   <li>input dilation {@code s} with unit strides and one group (the input gradient of a
 *       strided convolution): {@code cudnnConvolutionBackwardData} of the forward convolution
 *       with stride {@code s}, padding {@code d(k-1) - lo}, whose kernel is Triad's kernel with
 *       its two channel dimensions swapped and its spatial dimensions flipped;</li>
 *   <li>anything else (negative padding, mixed cases, more than three spatial dimensions):
 *       the generated kernel.</li>
 * </ul>
 * One spatial dimension is run as two (cuDNN's descriptors start at four dimensions).
 *
 * @param kind which cuDNN call, or {@link Kind#KERNEL}
 * @param pad cuDNN's symmetric padding per spatial dimension
 * @param stride cuDNN's stride per spatial dimension
 * @param dilation cuDNN's kernel dilation per spatial dimension
 * @param reason why the generated kernel runs instead (for {@link Kind#KERNEL})
 */
public record ConvPlan(Kind kind, int[] pad, int[] stride, int[] dilation, String reason) {
    /** The call that computes the convolution. */
    public enum Kind {
        /** {@code cudnnConvolutionForward}. */
        FORWARD,
        /** {@code cudnnConvolutionBackwardData}. */
        BACKWARD_DATA,
        /** The generated kernel. */
        KERNEL
    }

    /** Copies the arrays. */
    public ConvPlan {
        pad = pad.clone();
        stride = stride.clone();
        dilation = dilation.clone();
    }

    private static ConvPlan kernel(String why) { return new ConvPlan(Kind.KERNEL, new int[0], new int[0], new int[0], why); }

    /**
     * The plan for a convolution of input spatial sizes {@code in}, kernel spatial sizes
     * {@code k} and output spatial sizes {@code out}, with Triad's attributes.
     */
    public static ConvPlan of(long[] in, long[] k, long[] out, int[] strides, int[] lo, int[] lhsDil, int[] rhsDil, int groups) {
        int d = in.length;
        if (d < 1 || d > 3) return kernel(d + " spatial dimensions (cuDNN runs 1 to 3)");
        boolean dilatedInput = false;
        for (int x : lhsDil) dilatedInput |= x != 1;
        int[] pad = new int[d], stride = new int[d], dil = rhsDil.clone();
        if (!dilatedInput) {
            for (int i = 0; i < d; i++) {
                if (lo[i] < 0) return kernel("negative padding");
                long window = (long) rhsDil[i] * (k[i] - 1) + 1;
                if (cudnnOut(in[i], lo[i], window, strides[i]) != out[i]) return kernel("padding that cuDNN's symmetric padding cannot express");
                pad[i] = lo[i];
                stride[i] = strides[i];
            }
            return new ConvPlan(Kind.FORWARD, pad, stride, dil, "");
        }
        if (groups != 1) return kernel("input dilation with groups");
        for (int i = 0; i < d; i++) {
            if (strides[i] != 1) return kernel("input dilation together with strides");
            long p = (long) rhsDil[i] * (k[i] - 1) - lo[i];
            if (p < 0) return kernel("input dilation with more padding than the kernel spans");
            long window = (long) rhsDil[i] * (k[i] - 1) + 1;
            // Seen from the forward convolution: out is its input, in its output.
            if (cudnnOut(out[i], p, window, lhsDil[i]) != in[i]) return kernel("input dilation with sizes cuDNN's backward-data cannot express");
            pad[i] = (int) p;
            stride[i] = lhsDil[i];
        }
        return new ConvPlan(Kind.BACKWARD_DATA, pad, stride, dil, "");
    }

    /** cuDNN's output size: {@code floor((in + 2 pad - window) / stride) + 1}, or -1 when the window does not fit. */
    static long cudnnOut(long in, long pad, long window, long stride) {
        long span = in + 2 * pad - window;
        return span < 0 ? -1 : span / stride + 1;
    }
}
