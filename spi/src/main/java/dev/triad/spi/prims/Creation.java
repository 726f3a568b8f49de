package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Values made from attributes (full, iota) and counter-based random bits. None carries a gradient. */
final class Creation {
    private Creation() {}

    static final Primitive FULL = new Primitive("full", 0, 0, Primitive.Category.CREATION, Primitive.Derivative.NONE, List.of(Keys.SHAPE, Keys.DTYPE, Keys.VALUE)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            return new TensorType(a.get(Keys.DTYPE), a.get(Keys.SHAPE));
        }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            throw new IllegalStateException("full has no inputs, so it is never batched");
        }
    };

    static final Primitive IOTA = new Primitive("iota", 0, 0, Primitive.Category.CREATION, Primitive.Derivative.NONE, List.of(Keys.SHAPE, Keys.DTYPE, Keys.AXIS)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            Shape s = a.get(Keys.SHAPE);
            int axis = a.get(Keys.AXIS);
            if (axis < 0 || axis >= s.rank()) throw new AttributeException(name(), "axis " + axis + " is out of range for shape " + s);
            DType t = a.get(Keys.DTYPE);
            DTypeSet.NUMERIC.check(name(), "result", t);
            return new TensorType(t, s);
        }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            throw new IllegalStateException("iota has no inputs, so it is never batched");
        }
    };

    /** Batching of a batch of keys runs the generator once per key (the bits of each key are independent). */
    static final Primitive RANDOM_BITS = new Primitive("random_bits", 1, 1, Primitive.Category.RANDOM, Primitive.Derivative.NONE, List.of(Keys.SHAPE)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            TensorType key = in.get(0);
            if (key.dtype() != DType.I32) throw new DTypeException(name(), "key has dtype " + key + "; expected i32[2]");
            if (!key.shape().equals(Shape.of(2))) throw new ShapeException(name(), "key has shape " + key.shape() + "; expected [2]");
            return new TensorType(DType.I32, a.get(Keys.SHAPE));
        }
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            return Batching.loop(o, this, in, dims, a);
        }
    };
}
