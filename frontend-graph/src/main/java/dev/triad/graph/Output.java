package dev.triad.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * A typed symbolic value of a graph, like TensorFlow's {@code tf.Tensor}: the single result of
 * one node, with a dtype and a {@link PartialShape} that shape inference fixed when the node
 * was added. Made only by a {@link GraphBuilder}; identity is equality.
 */
public sealed class Output implements Fetchable permits Variable {
    private final GraphBuilder graph;
    private final int id;
    private final String op;
    private final Attrs attrs;
    private final List<Output> inputs;
    private final DType dtype;
    private final PartialShape shape;
    private final HostArray constant;
    private String name;

    Output(GraphBuilder graph, int id, String name, String op, Attrs attrs, List<Output> inputs, DType dtype, PartialShape shape, HostArray constant) {
        this.graph = graph;
        this.id = id;
        this.name = name;
        this.op = op;
        this.attrs = attrs;
        this.inputs = List.copyOf(inputs);
        this.dtype = dtype;
        this.shape = shape;
        this.constant = constant;
    }

    @Override public GraphBuilder graph() { return graph; }
    @Override public int id() { return id; }
    @Override public String name() { return name; }

    void rename(String n) { this.name = n; }

    /** The op that makes this value: a primitive's name, or a front-end op such as {@code placeholder}. */
    public String op() { return op; }

    /** The op's attributes. */
    public Attrs attrs() { return attrs; }

    /** The values the op reads. */
    public List<Output> inputs() { return inputs; }

    /** Element type. */
    public DType dtype() { return dtype; }

    /** The shape, possibly with unknown dimensions. */
    public PartialShape shape() { return shape; }

    /** Number of dimensions. */
    public int rank() { return shape.rank(); }

    /** The value of a constant node (not copied; do not modify), else null. */
    HostArray constantValue() { return constant; }

    /** True for placeholders, the values a session feeds. */
    public boolean isPlaceholder() { return op.equals(FrontOps.PLACEHOLDER); }

    /** The text form {@code name: f32[?,784]}. */
    @Override
    public String toString() { return name + ": " + dtype.shortName() + shape; }
}
