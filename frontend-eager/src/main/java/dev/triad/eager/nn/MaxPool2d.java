package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** 2-d max pooling ({@code torch.nn.MaxPool2d}); the stride defaults to the kernel size, padding counts as -inf. */
public class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Window {@code kernel x kernel}, stride {@code kernel}. */
    public MaxPool2d(int kernel) { this(kernel, kernel, 0); }

    /** Window, stride and padding. */
    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.maxPool(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    @Override
    protected String extraRepr() { return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding; }
}
