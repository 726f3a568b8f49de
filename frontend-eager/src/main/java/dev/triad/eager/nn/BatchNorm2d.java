package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** Batch norm over {@code [N, C, H, W]} ({@code torch.nn.BatchNorm2d}). */
public class BatchNorm2d extends BatchNorm {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm2d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** Every option. */
    public BatchNorm2d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.dim() != 4) throw LayerErrors.shape(this, "expected 4-d input [N, C, H, W], got shape " + Shapes.show(x.shape()));
    }
}
