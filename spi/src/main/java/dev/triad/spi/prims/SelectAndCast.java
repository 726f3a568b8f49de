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

import java.util.Arrays;
import java.util.List;

/** {@code where} (select) and {@code cast}. */
final class SelectAndCast {
    private SelectAndCast() {}

    /** {@code where(cond: bool, x, y)}: x and y share a dtype; all three broadcast. */
    static final Primitive WHERE = new Primitive("where", 3, 3, Primitive.Category.SELECT, Primitive.Derivative.DIFFERENTIABLE, List.of()) {
        @Override
        protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
            TensorType c = in.get(0), x = in.get(1), y = in.get(2);
            if (c.dtype() != DType.BOOL) throw new DTypeException(name(), "condition has dtype " + c + "; expected bool");
            if (x.dtype() != y.dtype()) {
                throw new DTypeException(name(), "branches have dtypes " + x + " and " + y + "; expected one dtype");
            }
            return new TensorType(x.dtype(), Broadcasting.broadcast(name(), c.shape(), x.shape(), y.shape()));
        }

        @Override public boolean isDifferentiableInput(int index) { return index != 0; }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T c = in.get(0);
            T zero = o.zerosLike(g);
            T gx = o.sumToShape(o.where(c, g, zero), o.shape(in.get(1)));
            T gy = o.sumToShape(o.where(c, zero, g), o.shape(in.get(2)));
            return Arrays.asList(null, gx, gy);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.broadcastTo(o.where(in.get(0), t.get(1), t.get(2)), o.shape(out));
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            return Batching.elementwise(o, this, in, dims, a);
        }
    };

    /**
     * {@code cast {dtype}}: float to integer truncates toward zero (NaN gives 0, out of range
     * saturates); anything to bool is {@code != 0}; to BF16/F16 rounds to nearest even.
     */
    static final Primitive CAST = new Primitive("cast", 1, 1, Primitive.Category.CAST, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.DTYPE)) {
        @Override
        protected TensorType shapeRule(List<TensorType> in, Attrs attrs) {
            return in.get(0).withDType(attrs.get(Keys.DTYPE));
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return List.of(o.cast(g, o.dtype(in.get(0))));
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.cast(t.get(0), o.dtype(out));
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            return new Batched<>(o.apply(this, a, in), dims[0]);
        }
    };
}
