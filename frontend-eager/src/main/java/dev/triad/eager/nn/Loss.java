package dev.triad.eager.nn;

import dev.triad.eager.Tensor;
import dev.triad.spi.error.TriadException;

/**
 * A loss function with PyTorch's {@code loss(input, target)} shape: a scalar (mean over the
 * batch). {@link #apply} names the loss in input errors.
 */
public abstract class Loss {
    /** The mean loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** {@link #forward}, with the loss named in shape and dtype errors. */
    public final Tensor apply(Tensor input, Tensor target) {
        try {
            return forward(input, target);
        } catch (TriadException e) {
            throw LossErrors.locate(this, e);
        }
    }

    /** The arguments shown in {@link #toString()}. */
    protected String extraRepr() { return ""; }

    @Override
    public String toString() { return getClass().getSimpleName() + "(" + extraRepr() + ")"; }
}
