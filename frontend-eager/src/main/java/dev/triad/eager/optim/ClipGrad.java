package dev.triad.eager.optim;

import dev.triad.eager.Autograd;
import dev.triad.eager.GradMode;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;

import java.util.List;

/** Gradient clipping ({@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}). */
public final class ClipGrad {
    private ClipGrad() {}

    /** {@link #clipGradNorm(List, double, double)} with the 2-norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) { return clipGradNorm(params, maxNorm, 2.0); }

    /**
     * Scales every gradient in place so that their joint {@code normType}-norm (all gradients
     * as one vector; {@code Double.POSITIVE_INFINITY} for the max-norm) is at most
     * {@code maxNorm}, by {@code maxNorm / (norm + 1e-6)} when that is below 1. Returns the norm
     * before clipping.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            double total = 0;
            boolean inf = Double.isInfinite(normType);
            for (Tensor p : params) {
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (inf) total = Math.max(total, grad.abs().max().item());
                else total += grad.abs().pow(normType).sum().item();
            }
            double norm = inf ? total : Math.pow(total, 1 / normType);
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (Tensor p : params) if (p.grad() != null) p.grad().mul_(coef);
            }
            return norm;
        }
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]} in place. */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            for (Tensor p : params) if (p.grad() != null) p.grad().clamp_(-clipValue, clipValue);
        }
    }
}
