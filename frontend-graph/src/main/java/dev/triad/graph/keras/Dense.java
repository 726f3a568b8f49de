package dev.triad.graph.keras;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializer;
import dev.triad.graph.init.Initializers;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.TensorType;

/**
 * A fully connected layer, {@code activation(x @ kernel + bias)}, with Keras' kernel layout
 * {@code [in, out]}, Glorot-uniform kernel and zero bias by default.
 */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private Initializer kernelInitializer;
    private Initializer biasInitializer = Initializers.zeros();
    private Variable kernel, bias;

    /** {@code units} outputs without activation. */
    public Dense(int units) { this(units, Activation.LINEAR); }

    /** {@code units} outputs with {@code activation}. */
    public Dense(int units, Activation activation) {
        super("dense");
        if (units <= 0) throw new IllegalArgumentException("units must be positive, got " + units);
        this.units = units;
        this.activation = activation;
    }

    /** Uses {@code kernel} and {@code bias} initializers instead of the defaults. */
    public Dense initializers(Initializer kernelInit, Initializer biasInit) {
        this.kernelInitializer = kernelInit;
        this.biasInitializer = biasInit;
        return this;
    }

    @Override
    protected void build(GraphBuilder g, Output x) {
        if (x.rank() < 2 || x.shape().dim(x.rank() - 1) < 0) {
            throw new ShapeException(name(), "input " + x + " needs a known last dimension (features); flatten images first");
        }
        long in = x.shape().dim(x.rank() - 1);
        Initializer k = kernelInitializer != null ? kernelInitializer : Initializers.glorotUniform(seed());
        kernel = addWeight(g, "kernel", TensorType.of(x.dtype(), in, units), k);
        bias = addWeight(g, "bias", TensorType.of(x.dtype(), units), biasInitializer);
    }

    @Override
    protected Output call(GraphBuilder g, Output x) {
        return activation.apply(g, g.add(g.matmul(x, kernel), bias));
    }

    @Override
    public String describe() { return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.kerasName()) + ")"; }
}
