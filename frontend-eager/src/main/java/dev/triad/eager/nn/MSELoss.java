package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** Mean squared error ({@code torch.nn.MSELoss}); shapes broadcast as in PyTorch. */
public class MSELoss extends Loss {
    /** Mean reduction. */
    public MSELoss() {}

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.mseLoss(input, target); }
}
