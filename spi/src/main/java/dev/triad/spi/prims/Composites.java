package dev.triad.spi.prims;

import dev.triad.spi.ops.Primitive;

/**
 * The composite ops, each defined by its decomposition into other ops and declared in its
 * family class: {@link Softmax}, {@link Statistics}, {@link Normalization},
 * {@link Activations}, {@link Layers}, {@link Losses}, {@link Attention}, {@link Updates}. This class only lists
 * them for {@link Prims}.
 *
 * <p>Direct derivative rules (instead of differentiating the decomposition): softmax,
 * log_softmax, logsumexp, mean, variance, relu, gelu, gelu_tanh, silu, linear, cross_entropy,
 * scaled_add. Direct batching rules: softmax to silu. The others (layer_norm, batch_norm,
 * dropout, attention, cross_entropy_grad) use {@link dev.triad.spi.autodiff.DecompositionRules}.
 */
final class Composites {
    private Composites() {}

    static final Primitive SOFTMAX = Softmax.SOFTMAX;
    static final Primitive LOG_SOFTMAX = Softmax.LOG_SOFTMAX;
    static final Primitive LOGSUMEXP = Statistics.LOGSUMEXP;
    static final Primitive MEAN = Statistics.MEAN;
    static final Primitive VARIANCE = Statistics.VARIANCE;
    static final Primitive LAYER_NORM = Normalization.LAYER_NORM;
    static final Primitive BATCH_NORM = Normalization.BATCH_NORM;
    static final Primitive RELU = Activations.RELU;
    static final Primitive GELU = Activations.GELU;
    static final Primitive GELU_TANH = Activations.GELU_TANH;
    static final Primitive SILU = Activations.SILU;
    static final Primitive LINEAR = Layers.LINEAR;
    static final Primitive CROSS_ENTROPY = Losses.CROSS_ENTROPY;
    static final Primitive CROSS_ENTROPY_GRAD = Losses.CROSS_ENTROPY_GRAD;
    static final Primitive DROPOUT = Layers.DROPOUT;
    static final Primitive ATTENTION = Attention.ATTENTION;
    static final Primitive SCALED_ADD = Updates.SCALED_ADD;
}
