package dev.triad.eager.optim;

import dev.triad.eager.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), PyTorch's formula: first
 * {@code p *= 1 - lr * weight_decay}, then the Adam step on the raw gradient.
 */
public class AdamW extends Adam {
    /** lr, betas (0.9, 0.999), eps 1e-8, weight decay 0.01 (PyTorch's defaults). */
    public AdamW(List<Tensor> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0.01, false); }

    /** Every option. */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    @Override
    void decay(Tensor p) {
        double wd = get("weight_decay");
        if (wd != 0) p.mul_(1 - lr() * wd);
    }

    @Override
    Tensor decayedGradient(Tensor p, Tensor grad) { return grad; }
}
