package dev.triad.eager.optim;

import dev.triad.eager.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's update: {@code d = g + wd * p}; with momentum
 * {@code buf = d} on the first step, then {@code buf = momentum * buf + (1 - dampening) * d};
 * {@code d = nesterov ? d + momentum * buf : buf}; {@code p -= lr * d}.
 */
public class SGD extends Optimizer {
    /** Plain SGD. */
    public SGD(List<Tensor> params, double lr) { this(params, lr, 0, 0, 0, false); }

    /** SGD with momentum. */
    public SGD(List<Tensor> params, double lr, double momentum) { this(params, lr, momentum, 0, 0, false); }

    /** Every option. */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        if (momentum < 0) throw new IllegalArgumentException("invalid momentum value: " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("invalid weight_decay value: " + weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        hyper("momentum", momentum);
        hyper("dampening", dampening);
        hyper("weight_decay", weightDecay);
        hyper("nesterov", nesterov ? 1 : 0);
    }

    @Override
    protected void update(Tensor p, Tensor grad, State st, long step) {
        double lr = lr(), momentum = get("momentum"), dampening = get("dampening"), wd = get("weight_decay");
        Tensor d = wd != 0 ? grad.add(p, wd) : grad;
        if (momentum != 0) {
            Tensor buf = st.get("momentum_buffer");
            if (buf == null) buf = st.put("momentum_buffer", d);
            else buf.mul_(momentum).add_(d, 1 - dampening);
            d = get("nesterov") != 0 ? d.add(buf, momentum) : buf;
        }
        p.add_(d, -lr);
    }
}
