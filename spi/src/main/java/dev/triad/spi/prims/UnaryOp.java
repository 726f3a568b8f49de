package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** An elementwise op of one input whose result has the input's type. */
abstract class UnaryOp extends Primitive {
    private final DTypeSet accepted;

    UnaryOp(String name, DTypeSet accepted, Derivative derivative) {
        super(name, 1, 1, Primitive.Category.UNARY, derivative, List.of());
        this.accepted = accepted;
    }

    /** The dtypes this op accepts. */
    DTypeSet accepted() { return accepted; }

    @Override
    protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
        accepted.check(name(), "input", in.get(0).dtype());
        return in.get(0);
    }

    @Override
    public <T> Batched<T> batch(Ops<T> ops, List<T> inputs, int[] dims, Attrs attrs) {
        return new Batched<>(ops.apply(this, attrs, inputs), dims[0]);
    }
}
