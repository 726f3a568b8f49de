package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack of layers, like {@code keras.Sequential}: the input is a placeholder
 * {@code [?, inputShape...]} and each layer feeds the next. The graph is built on first use
 * ({@link #compile}, {@link #summary}, ...); layers get seeds {@code seed, seed + 1, ...} in
 * order, so one seed fixes every initial weight.
 */
public final class Sequential extends Model {
    private final DType dtype;
    private final long[] inputShape;
    private final List<Layer> pending = new ArrayList<>();
    private long seed;
    private boolean built;

    /** A model whose examples have {@code inputShape} (without the batch axis) and {@code dtype}. */
    public Sequential(DType dtype, long... inputShape) {
        this.dtype = dtype;
        this.inputShape = inputShape.clone();
    }

    /** Appends a layer (before the graph is built). */
    public Sequential add(Layer layer) {
        if (built) throw new IllegalStateException("the model is already built; add layers before compiling");
        pending.add(layer);
        return this;
    }

    /** Sets the base seed of the layers' initializers (default 0). */
    public Sequential seed(long s) {
        if (built) throw new IllegalStateException("the model is already built");
        this.seed = s;
        return this;
    }

    @Override
    protected void ensureBuilt() {
        if (built) return;
        built = true;
        GraphBuilder g = new GraphBuilder();
        long[] dims = new long[inputShape.length + 1];
        dims[0] = -1;
        System.arraycopy(inputShape, 0, dims, 1, inputShape.length);
        Output in = g.placeholder("input", dtype, dims);
        Output x = in;
        for (int i = 0; i < pending.size(); i++) {
            Layer l = pending.get(i);
            l.seed(seed + i);
            x = l.apply(g, x);
        }
        setGraph(g, in, x, pending);
    }
}
