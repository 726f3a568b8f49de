package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** 2-d average pooling ({@code torch.nn.AvgPool2d}); padded zeros count in the average, as PyTorch's default. */
public class AvgPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Window {@code kernel x kernel}, stride {@code kernel}. */
    public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

    /** Window, stride and padding. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.avgPool(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    @Override
    protected String extraRepr() { return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding; }
}
