package dev.triad.eager.nn;

import dev.triad.eager.Tensor;

/** Batch norm over {@code [N, C]} or {@code [N, C, L]} ({@code torch.nn.BatchNorm1d}). */
public class BatchNorm1d extends BatchNorm {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm1d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** Every option. */
    public BatchNorm1d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.dim() != 2 && x.dim() != 3) throw LayerErrors.shape(this, "expected 2-d or 3-d input [N, C(, L)], got shape " + Shapes.show(x.shape()));
    }
}
