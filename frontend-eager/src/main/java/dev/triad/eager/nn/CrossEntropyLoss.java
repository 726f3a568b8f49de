package dev.triad.eager.nn;

import dev.triad.eager.Tensor;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;

/**
 * Mean cross-entropy of logits {@code [N, C]} against class indices {@code [N]} (i32 or i64),
 * with optional label smoothing ({@code torch.nn.CrossEntropyLoss}); one spi composite, so its
 * gradient is the fused {@code softmax - target} rule.
 */
public class CrossEntropyLoss extends Loss {
    private final double labelSmoothing;

    /** No label smoothing. */
    public CrossEntropyLoss() { this(0.0); }

    /** With {@code labelSmoothing} in [0, 1]. */
    public CrossEntropyLoss(double labelSmoothing) {
        if (labelSmoothing < 0 || labelSmoothing > 1) throw new IllegalArgumentException("label_smoothing must be in [0, 1], got " + labelSmoothing);
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor logits, Tensor labels) {
        if (logits.dim() != 2 || labels.dim() != 1 || labels.size(0) != logits.size(0)) {
            throw new ShapeException(toString(), "logits have shape " + Shapes.show(logits.shape()) + " and labels " + Shapes.show(labels.shape())
                    + "; expected logits [N, C] and class indices [N]");
        }
        if (labels.dtype().isFloating() || !labels.dtype().isNumeric()) {
            throw new DTypeException(toString(), "labels have dtype " + labels.dtype() + "; expected class indices of an integer dtype (i32 or i64)");
        }
        return F.crossEntropy(logits, labels, labelSmoothing);
    }

    @Override
    protected String extraRepr() { return labelSmoothing == 0 ? "" : "label_smoothing=" + labelSmoothing; }
}
