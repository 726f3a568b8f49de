package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.spi.error.ShapeException;

/** Max pooling over the spatial axes of channels-first images, {@code valid} padding. */
public final class MaxPooling2D extends Layer {
    private final int pool, stride;

    /** A {@code pool x pool} window moving by {@code pool}. */
    public MaxPooling2D(int pool) { this(pool, pool); }

    /** A {@code pool x pool} window moving by {@code stride}. */
    public MaxPooling2D(int pool, int stride) {
        super("max_pooling2d");
        if (pool <= 0 || stride <= 0) throw new IllegalArgumentException("pool and stride must be positive");
        this.pool = pool;
        this.stride = stride;
    }

    @Override
    protected Output call(GraphBuilder g, Output x) {
        if (x.rank() != 4) throw new ShapeException(name(), "input " + x + " is not a batch of images [N, C, H, W]");
        return g.reduceWindowMax(x, new int[] {1, 1, pool, pool}, new int[] {1, 1, stride, stride}, new int[4], new int[4]);
    }

    @Override
    public String describe() { return "MaxPooling2D(" + pool + (stride == pool ? "" : ", stride " + stride) + ")"; }
}
