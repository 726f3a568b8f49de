package dev.triad.eager.nn;

import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.types.Shape;

/** Layer norm over the trailing {@code normalizedShape} dims with affine weight (ones) and bias (zeros). */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** eps 1e-5, elementwise affine. */
    public LayerNorm(long... normalizedShape) { this(normalizedShape, 1e-5, true); }

    /** Every option. */
    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensors.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensors.zeros(normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = normalizedShape.length;
        boolean ok = x.dim() >= n;
        for (int i = 0; ok && i < n; i++) ok = x.size(x.dim() - n + i) == normalizedShape[i];
        if (!ok) {
            throw LayerErrors.shape(this, "input has shape " + Shapes.show(x.shape()) + "; expected [..., "
                    + Shapes.show(Shape.of(normalizedShape)).substring(1));
        }
        return F.layerNorm(x, n, weight, bias, eps);
    }

    /** The weight, or null. */ public Tensor weight() { return weight; }
    /** The bias, or null. */ public Tensor bias() { return bias; }

    @Override
    protected String extraRepr() {
        return "(" + Shapes.show(Shape.of(normalizedShape)).replace("[", "").replace("]", "") + (normalizedShape.length == 1 ? ",)" : ")")
                + ", eps=" + eps + ", elementwise_affine=" + (weight != null ? "True" : "False");
    }
}
