package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializer;
import dev.triad.graph.init.Initializers;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.TensorType;

import java.util.Locale;

/**
 * A 2-D convolution over channels-first images {@code [N, C, H, W]} with a kernel
 * {@code [filters, C, k, k]} and a bias per filter. Padding {@code same} pads as TensorFlow
 * does (the extra pixel of an odd total goes after), {@code valid} does not pad.
 */
public final class Conv2D extends Layer {
    /** Padding modes. */
    public enum Padding { SAME, VALID }

    private final int filters, kernelSize, stride;
    private final Padding padding;
    private final Activation activation;
    private Initializer kernelInitializer;
    private Variable kernel, bias;
    private int[] padLow, padHigh;

    /** {@code filters} square kernels of {@code kernelSize}, stride 1, {@code same} padding, no activation. */
    public Conv2D(int filters, int kernelSize) { this(filters, kernelSize, 1, Padding.SAME, Activation.LINEAR); }

    /** A convolution with every option. */
    public Conv2D(int filters, int kernelSize, int stride, Padding padding, Activation activation) {
        super("conv2d");
        if (filters <= 0 || kernelSize <= 0 || stride <= 0) throw new IllegalArgumentException("filters, kernel size and stride must be positive");
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.activation = activation;
    }

    /** Uses {@code init} for the kernel instead of Glorot uniform. */
    public Conv2D kernelInitializer(Initializer init) {
        this.kernelInitializer = init;
        return this;
    }

    @Override
    protected void build(GraphBuilder g, Output x) {
        if (x.rank() != 4) throw new ShapeException(name(), "input " + x + " is not a batch of images [N, C, H, W]");
        long c = x.shape().dim(1), h = x.shape().dim(2), w = x.shape().dim(3);
        if (c < 0 || h < 0 || w < 0) throw new ShapeException(name(), "input " + x + " needs known channels, height and width");
        padLow = new int[2];
        padHigh = new int[2];
        long[] size = {h, w};
        for (int d = 0; d < 2; d++) {
            if (padding == Padding.SAME) {
                long out = (size[d] + stride - 1) / stride;
                long total = Math.max((out - 1) * stride + kernelSize - size[d], 0);
                padLow[d] = (int) (total / 2);
                padHigh[d] = (int) (total - total / 2);
            }
        }
        Initializer k = kernelInitializer != null ? kernelInitializer : Initializers.glorotUniform(seed());
        kernel = addWeight(g, "kernel", TensorType.of(x.dtype(), filters, c, kernelSize, kernelSize), k);
        bias = addWeight(g, "bias", TensorType.of(x.dtype(), filters), Initializers.zeros());
    }

    @Override
    protected Output call(GraphBuilder g, Output x) {
        Output y = g.conv(x, kernel, new int[] {stride, stride}, padLow, padHigh, new int[] {1, 1}, new int[] {1, 1}, 1);
        Output b = g.reshape(bias, dev.triad.spi.types.Shape.of(1, filters, 1, 1));
        return activation.apply(g, g.add(y, b));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Conv2D(%d, %dx%d, stride %d, %s%s)", filters, kernelSize, kernelSize, stride,
                padding.name().toLowerCase(Locale.ROOT), activation == Activation.LINEAR ? "" : ", " + activation.kerasName());
    }
}
