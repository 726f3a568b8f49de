package dev.triad.backend.cuda;

import java.util.Arrays;

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
 *   <li>the kernel gradient ({@code ConvPrimitive.rhsGradient}: the input with batch and
 *       channels exchanged, convolved with the cotangent as its kernel, one group, no input
 *       dilation): {@code cudnnConvolutionBackwardFilter} of the forward convolution it came
 *       from, with that convolution's stride (this one's kernel dilation), dilation (this one's
 *       stride) and padding. It is recognised by its shape: the "kernel" (the cotangent) spans
 *       more positions than the result (the weight gradient), which is never true of a forward
 *       convolution worth running; cuDNN's forward algorithms are slow on such huge filters
 *       and its output-size rule often rejects them (asymmetric high padding). Both mappings
 *       are exact for every one-group convolution without input dilation, so each is also the
 *       other's second choice when the first cannot express the padding;</li>
 *   <li>anything else (negative padding, mixed cases, more than three spatial dimensions):
 *       the generated kernel, with the reason.</li>
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
        /**
         * {@code cudnnConvolutionBackwardFilter}: inputs {@code x [C, N, s...]} and
         * {@code g [O, N, q...]} are read with their first two dimensions exchanged, and the
         * result {@code [C, O, k...]} is the exchanged cuDNN filter gradient {@code [O, C, k...]}.
         */
        BACKWARD_FILTER,
        /** The generated kernel. */
        KERNEL
    }

    /** Copies the arrays. */
    public ConvPlan {
        pad = pad.clone();
        stride = stride.clone();
        dilation = dilation.clone();
    }

    @Override
    public String toString() {
        return kind == Kind.KERNEL ? "kernel (" + reason + ")"
                : kind + "(pad " + Arrays.toString(pad) + ", stride " + Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation) + ")";
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
            // Both mappings are exact for any one-group convolution without input dilation; the shape decides which is tried first.
            boolean filterFirst = groups == 1 && volume(k) > volume(out);
            if (filterFirst) {
                ConvPlan filter = filterGradient(in, k, out, strides, lo, rhsDil);
                if (filter.kind() != Kind.KERNEL) return filter;
            }
            ConvPlan forward = forward(in, k, out, strides, lo, rhsDil);
            if (forward.kind() != Kind.KERNEL || groups != 1 || filterFirst) return forward;
            ConvPlan filter = filterGradient(in, k, out, strides, lo, rhsDil);
            return filter.kind() != Kind.KERNEL ? filter : forward;
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

    /** The convolution as cuDNN's forward: its padding is our low padding, provided the output sizes agree. */
    private static ConvPlan forward(long[] in, long[] k, long[] out, int[] strides, int[] lo, int[] rhsDil) {
        int d = in.length;
        int[] pad = new int[d], stride = new int[d];
        for (int i = 0; i < d; i++) {
            if (lo[i] < 0) return kernel("negative padding");
            long window = (long) rhsDil[i] * (k[i] - 1) + 1;
            if (cudnnOut(in[i], lo[i], window, strides[i]) != out[i]) return kernel("padding that cuDNN's symmetric padding cannot express");
            pad[i] = lo[i];
            stride[i] = strides[i];
        }
        return new ConvPlan(Kind.FORWARD, pad, stride, rhsDil, "");
    }

    /**
     * The kernel gradient as cuDNN's backward-filter: the forward convolution read {@code in}
     * with stride {@code rhsDil}, dilation {@code strides} and padding {@code lo}, produced
     * {@code k} (the cotangent's sizes) from a filter of sizes {@code out}.
     */
    private static ConvPlan filterGradient(long[] in, long[] k, long[] out, int[] strides, int[] lo, int[] rhsDil) {
        int d = in.length;
        int[] pad = new int[d], stride = new int[d], dil = new int[d];
        for (int i = 0; i < d; i++) {
            if (lo[i] < 0) return kernel("negative padding");
            long window = (long) strides[i] * (out[i] - 1) + 1;
            if (cudnnOut(in[i], lo[i], window, rhsDil[i]) != k[i]) return kernel("a kernel gradient with padding that cuDNN's symmetric padding cannot express");
            pad[i] = lo[i];
            stride[i] = rhsDil[i];
            dil[i] = strides[i];
        }
        return new ConvPlan(Kind.BACKWARD_FILTER, pad, stride, dil, "");
    }

    private static long volume(long[] dims) {
        long v = 1;
        for (long x : dims) v *= x;
        return v;
    }

    /** cuDNN's output size: {@code floor((in + 2 pad - window) / stride) + 1}, or -1 when the window does not fit. */
    static long cudnnOut(long in, long pad, long window, long stride) {
        long span = in + 2 * pad - window;
        return span < 0 ? -1 : span / stride + 1;
    }
}
