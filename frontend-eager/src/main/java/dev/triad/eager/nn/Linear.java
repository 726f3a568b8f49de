package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;

/**
 * {@code y = x W^T + b} with {@code W [out_features, in_features]}, initialised as PyTorch does:
 * Kaiming uniform with {@code a = sqrt(5)} (so {@code U(-1/sqrt(in), 1/sqrt(in))}) for the weight
 * and {@code U(-1/sqrt(in), 1/sqrt(in))} for the bias. A wrong input size is reported with the
 * layer's name and a hint about the feature map it was probably sized for.
 */
public class Linear extends Module {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with bias, initialised from {@link Triad#defaultGenerator()}. */
    public Linear(long inFeatures, long outFeatures) { this(inFeatures, outFeatures, true, Triad.defaultGenerator()); }

    /** A layer with or without bias. */
    public Linear(long inFeatures, long outFeatures, boolean bias) { this(inFeatures, outFeatures, bias, Triad.defaultGenerator()); }

    /** A layer initialised from {@code g}. */
    public Linear(long inFeatures, long outFeatures, boolean bias, Generator g) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Init.defaultWeight(g, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Init.defaultBias(g, outFeatures, inFeatures)) : null;
    }

    /** The weight {@code [out, in]}. */ public Tensor weight() { return weight; }
    /** The bias {@code [out]}, or null. */ public Tensor bias() { return bias; }
    /** Input features. */ public long inFeatures() { return inFeatures; }
    /** Output features. */ public long outFeatures() { return outFeatures; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != inFeatures) {
            String got = x.dim() == 0 ? "a scalar" : "shape " + Shapes.show(x.shape());
            String hint = x.dim() == 0 ? "" : ShapeHints.featureMismatch(x.size(-1), inFeatures);
            throw LayerErrors.shape(this, "input has " + got + "; expected [..., " + inFeatures + "]." + hint);
        }
        return F.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + (bias == null ? ", bias=False" : "");
    }
}
