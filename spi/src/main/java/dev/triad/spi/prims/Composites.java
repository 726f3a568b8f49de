package dev.triad.spi.prims;

import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/** Composite ops: each is defined by its decomposition into other ops. */
final class Composites {
    private Composites() {}

    /** Placeholder base until the composites are written. */
    static class Pending extends Primitive {
        Pending(String name, int min, int max, List<Attr<?>> attrs) { super(name, min, max, Primitive.Category.COMPOSITE, Primitive.Derivative.DIFFERENTIABLE, attrs); }
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { throw new UnsupportedOperationException("TODO " + name()); }
        @Override public <T> T decompose(Ops<T> ops, List<T> inputs, Attrs attrs) { throw new UnsupportedOperationException("TODO " + name()); }
    }

    static final Primitive SOFTMAX = new Pending("softmax", 1, 1, List.of(Keys.AXIS));
    static final Primitive LOG_SOFTMAX = new Pending("log_softmax", 1, 1, List.of(Keys.AXIS));
    static final Primitive LOGSUMEXP = new Pending("logsumexp", 1, 1, List.of(Keys.AXES, Keys.KEEP_DIMS));
    static final Primitive MEAN = new Pending("mean", 1, 1, List.of(Keys.AXES, Keys.KEEP_DIMS));
    static final Primitive VARIANCE = new Pending("variance", 1, 1, List.of(Keys.AXES, Keys.KEEP_DIMS, Keys.CORRECTION));
    static final Primitive LAYER_NORM = new Pending("layer_norm", 3, 3, List.of(Keys.NORMALIZED_NDIM, Keys.EPS));
    static final Primitive BATCH_NORM = new Pending("batch_norm", 3, 3, List.of(Keys.EPS));
    static final Primitive RELU = new Pending("relu", 1, 1, List.of());
    static final Primitive GELU = new Pending("gelu", 1, 1, List.of());
    static final Primitive GELU_TANH = new Pending("gelu_tanh", 1, 1, List.of());
    static final Primitive SILU = new Pending("silu", 1, 1, List.of());
    static final Primitive LINEAR = new Pending("linear", 3, 3, List.of());
    static final Primitive CROSS_ENTROPY = new Pending("cross_entropy", 2, 2, List.of(Keys.LABEL_SMOOTHING));
    static final Primitive DROPOUT = new Pending("dropout", 2, 2, List.of(Keys.RATE));
    static final Primitive ATTENTION = new Pending("attention", 3, 4, List.of(Keys.SCALE, Keys.CAUSAL));
}
