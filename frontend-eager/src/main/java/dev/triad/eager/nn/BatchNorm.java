package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.GradMode;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.types.DType;

/**
 * What BatchNorm1d and BatchNorm2d share: per-channel affine weight (ones) and bias (zeros),
 * running mean (zeros) and variance (ones) updated with {@code momentum} in training mode
 * (unbiased batch variance, as PyTorch), used in eval mode, and {@code num_batches_tracked}.
 */
public abstract class BatchNorm extends Module {
    private final long numFeatures;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batchesTracked;

    BatchNorm(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensors.ones(numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensors.zeros(numFeatures)) : null;
        if (trackRunningStats) {
            runningMean = registerBuffer("running_mean", Tensors.zeros(numFeatures));
            runningVar = registerBuffer("running_var", Tensors.ones(numFeatures));
            batchesTracked = registerBuffer("num_batches_tracked", Tensors.zeros(DType.I64));
        } else {
            runningMean = runningVar = batchesTracked = null;
        }
    }

    /** Checks the input rank; subclasses name what they accept. */
    abstract void checkInput(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        if (x.size(1) != numFeatures) {
            throw LayerErrors.shape(this, "input has shape " + Shapes.show(x.shape()) + " with " + x.size(1) + " channels; expected " + numFeatures);
        }
        if (isTraining() && batchesTracked != null) {
            try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
                batchesTracked.add_(1.0);
            }
        }
        return F.batchNorm(x, runningMean, runningVar, weight, bias, isTraining() || runningMean == null, momentum, eps);
    }

    /** The affine weight, or null. */ public Tensor weight() { return weight; }
    /** The affine bias, or null. */ public Tensor bias() { return bias; }
    /** The running mean, or null. */ public Tensor runningMean() { return runningMean; }
    /** The running variance, or null. */ public Tensor runningVar() { return runningVar; }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null ? "True" : "False")
                + ", track_running_stats=" + (runningMean != null ? "True" : "False");
    }
}
