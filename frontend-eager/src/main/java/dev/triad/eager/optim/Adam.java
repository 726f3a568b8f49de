package dev.triad.eager.optim;

import dev.triad.eager.Tensor;

import java.util.List;

/**
 * Adam with PyTorch's update (bias-corrected, {@code eps} added after the square root):
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}; weight decay is added to
 * the gradient (L2), and {@code amsgrad} keeps the running maximum of {@code v}.
 */
public class Adam extends Optimizer {
    /** lr, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0, false); }

    /** Every option. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) throw new IllegalArgumentException("invalid beta parameters: " + beta1 + ", " + beta2);
        if (eps < 0) throw new IllegalArgumentException("invalid epsilon value: " + eps);
        hyper("beta1", beta1);
        hyper("beta2", beta2);
        hyper("eps", eps);
        hyper("weight_decay", weightDecay);
        hyper("amsgrad", amsgrad ? 1 : 0);
    }

    /** Decoupled weight decay, applied to the parameter before the Adam step (AdamW); none here. */
    void decay(Tensor p) {}

    /** The gradient with L2 weight decay added (Adam); AdamW does not add it. */
    Tensor decayedGradient(Tensor p, Tensor grad) {
        double wd = get("weight_decay");
        return wd != 0 ? grad.add(p, wd) : grad;
    }

    @Override
    protected void update(Tensor p, Tensor grad, State st, long step) {
        double lr = lr(), b1 = get("beta1"), b2 = get("beta2"), eps = get("eps");
        decay(p);
        Tensor g = decayedGradient(p, grad);
        Tensor m = st.zeros("exp_avg");
        Tensor v = st.zeros("exp_avg_sq");
        m.mul_(b1).add_(g, 1 - b1);
        v.mul_(b2).add_(g.mul(g), 1 - b2);
        double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
        Tensor second = v;
        if (get("amsgrad") != 0) {
            Tensor vmax = st.zeros("max_exp_avg_sq");
            vmax.copy_(vmax.maximum(v));
            second = vmax;
        }
        Tensor denom = second.sqrt().div(Math.sqrt(bc2)).add(eps);
        p.add_(m.div(denom), -lr / bc1);
    }
}
