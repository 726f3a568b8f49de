package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Batched matmul and N-d convolution. */
final class Contraction {
    private Contraction() {}

    static final Primitive MATMUL = new Primitive("matmul", 2, 2, Primitive.Category.CONTRACTION, Primitive.Derivative.DIFFERENTIABLE, List.of()) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO matmul shape rule");
        }
    };

    static final Primitive CONV = new Primitive("conv", 2, 2, Primitive.Category.CONTRACTION, Primitive.Derivative.DIFFERENTIABLE,
            List.of(Keys.STRIDES, Keys.PAD_LOW, Keys.PAD_HIGH, Keys.LHS_DILATION, Keys.RHS_DILATION, Keys.GROUPS)) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            throw new UnsupportedOperationException("TODO conv shape rule");
        }
    };
}
