package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Sliding-window reductions (pooling) and the select-and-scatter pair that differentiates max pooling. */
final class Windows {
    private Windows() {}

    private static final List<dev.triad.spi.ops.Attr<?>> WINDOW_ATTRS = List.of(Keys.WINDOW, Keys.STRIDES, Keys.PAD_LOW, Keys.PAD_HIGH);

    static final Primitive REDUCE_WINDOW_MAX = new Primitive("reduce_window_max", 1, 1, Primitive.Category.WINDOW, Primitive.Derivative.DIFFERENTIABLE, WINDOW_ATTRS) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO");
        }
    };

    static final Primitive REDUCE_WINDOW_SUM = new Primitive("reduce_window_sum", 1, 1, Primitive.Category.WINDOW, Primitive.Derivative.DIFFERENTIABLE, WINDOW_ATTRS) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO");
        }
    };

    static final Primitive SELECT_AND_SCATTER_ADD = new Primitive("select_and_scatter_add", 2, 2, Primitive.Category.WINDOW, Primitive.Derivative.DIFFERENTIABLE, WINDOW_ATTRS) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO");
        }
    };

    static final Primitive SELECT_AND_GATHER = new Primitive("select_and_gather", 2, 2, Primitive.Category.WINDOW, Primitive.Derivative.DIFFERENTIABLE, WINDOW_ATTRS) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO");
        }
    };
}
