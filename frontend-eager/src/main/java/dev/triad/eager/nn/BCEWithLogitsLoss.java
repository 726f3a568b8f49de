package dev.triad.eager.nn;

import dev.triad.eager.Tensor;
import dev.triad.spi.error.ShapeException;

/** Mean binary cross-entropy on logits, computed stably ({@code torch.nn.BCEWithLogitsLoss}). */
public class BCEWithLogitsLoss extends Loss {
    /** Mean reduction. */
    public BCEWithLogitsLoss() {}

    @Override
    public Tensor forward(Tensor logits, Tensor target) {
        if (!logits.shape().equals(target.shape())) {
            throw new ShapeException(toString(), "target size " + Shapes.show(target.shape()) + " must be the same as input size " + Shapes.show(logits.shape()));
        }
        return F.binaryCrossEntropyWithLogits(logits, target);
    }
}
