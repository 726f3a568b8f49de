package dev.triad.spi.prims;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * An elementwise op of two inputs of one dtype whose shapes broadcast (NumPy rules). The
 * result has the broadcast shape and either the inputs' dtype or BOOL (comparisons).
 */
abstract class BinaryOp extends Primitive {
    private final DTypeSet accepted;
    private final boolean boolResult;

    BinaryOp(String name, DTypeSet accepted, boolean boolResult, Derivative derivative) {
        super(name, 2, 2, Primitive.Category.BINARY, derivative, List.of());
        this.accepted = accepted;
        this.boolResult = boolResult;
    }

    /** The dtypes this op accepts. */
    DTypeSet accepted() { return accepted; }

    /** True for comparisons, whose result is BOOL. */
    boolean boolResult() { return boolResult; }

    @Override
    protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
        TensorType a = in.get(0), b = in.get(1);
        if (a.dtype() != b.dtype()) {
            throw new DTypeException(name(), "inputs have dtypes " + a + " and " + b
                    + "; expected one dtype (promote first, e.g. with Ops.binary)");
        }
        accepted.check(name(), "inputs", a.dtype());
        return new TensorType(boolResult ? DType.BOOL : a.dtype(), Broadcasting.broadcast(name(), a.shape(), b.shape()));
    }

    @Override
    public <T> Batched<T> batch(Ops<T> ops, List<T> inputs, int[] dims, Attrs attrs) {
        return Batching.elementwise(ops, this, inputs, dims, attrs);
    }
}
