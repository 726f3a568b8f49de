package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** gather and scatter_add along an axis; each is the other's transpose. */
final class Indexing {
    private Indexing() {}

    static final Primitive GATHER = new Primitive("gather", 2, 2, Primitive.Category.INDEXING, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.AXIS)) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO gather shape rule");
        }
    };

    static final Primitive SCATTER_ADD = new Primitive("scatter_add", 3, 3, Primitive.Category.INDEXING, Primitive.Derivative.DIFFERENTIABLE, List.of(Keys.AXIS)) {
        @Override public boolean isDifferentiableInput(int index) { return index != 1; }
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO scatter_add shape rule");
        }
    };
}
