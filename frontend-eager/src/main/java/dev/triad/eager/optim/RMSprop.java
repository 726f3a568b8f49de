package dev.triad.eager.optim;

import dev.triad.eager.Tensor;

import java.util.List;

/**
 * RMSprop with PyTorch's update: {@code v = alpha v + (1-alpha) g^2}; centered subtracts the
 * squared running mean of {@code g}; {@code avg = sqrt(v) + eps}; with momentum
 * {@code buf = momentum buf + g / avg} and {@code p -= lr buf}, else {@code p -= lr g / avg}.
 */
public class RMSprop extends Optimizer {
    /** lr, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
    public RMSprop(List<Tensor> params, double lr) { this(params, lr, 0.99, 1e-8, 0, 0, false); }

    /** Every option. */
    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(params, lr);
        if (alpha < 0) throw new IllegalArgumentException("invalid alpha value: " + alpha);
        hyper("alpha", alpha);
        hyper("eps", eps);
        hyper("weight_decay", weightDecay);
        hyper("momentum", momentum);
        hyper("centered", centered ? 1 : 0);
    }

    @Override
    protected void update(Tensor p, Tensor grad, State st, long step) {
        double lr = lr(), alpha = get("alpha"), eps = get("eps"), wd = get("weight_decay"), momentum = get("momentum");
        Tensor g = wd != 0 ? grad.add(p, wd) : grad;
        Tensor v = st.zeros("square_avg");
        v.mul_(alpha).add_(g.mul(g), 1 - alpha);
        Tensor avg;
        if (get("centered") != 0) {
            Tensor ga = st.zeros("grad_avg");
            ga.mul_(alpha).add_(g, 1 - alpha);
            avg = v.sub(ga.mul(ga)).sqrt().add(eps);
        } else {
            avg = v.sqrt().add(eps);
        }
        if (momentum > 0) {
            Tensor buf = st.zeros("momentum_buffer");
            buf.mul_(momentum).add_(g.div(avg));
            p.add_(buf, -lr);
        } else {
            p.add_(g.div(avg), -lr);
        }
    }
}
