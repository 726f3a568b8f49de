package dev.triad.graph;

import dev.triad.graph.init.Initializer;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * A variable of a graph, like {@code tf.Variable}: as an {@link Output} it reads the current
 * value; its value lives on the device of each {@link Session} that runs the graph, from
 * initialisation (with its {@link Initializer}) until the session closes, and changes only by
 * {@link GraphBuilder#assign} nodes that a run executes. Its type is fully known.
 */
public final class Variable extends Output {
    private final Initializer initializer;
    private final boolean trainable;

    Variable(GraphBuilder graph, int id, String name, TensorType type, Initializer initializer, boolean trainable) {
        super(graph, id, name, FrontOps.VARIABLE, Attrs.EMPTY, List.of(), type.dtype(), PartialShape.known(type.shape()), null);
        this.initializer = initializer;
        this.trainable = trainable;
    }

    /** The variable's type. */
    public TensorType type() { return new TensorType(dtype(), shape().toShape()); }

    /** How the initial value is made. */
    public Initializer initializer() { return initializer; }

    /** True when optimizers update it by default (weights), false for optimizer state, counters, ... */
    public boolean trainable() { return trainable; }

    @Override
    public String toString() { return "variable " + super.toString(); }
}
