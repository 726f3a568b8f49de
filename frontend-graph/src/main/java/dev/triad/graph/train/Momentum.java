package dev.triad.graph.train;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;

import java.util.List;

/**
 * Gradient descent with momentum, as PyTorch and {@code tf.train.MomentumOptimizer} define it:
 * {@code v = mu * v + g}, then {@code w -= lr * v}, or with Nesterov {@code w -= lr * (g + mu * v)}.
 */
public final class Momentum extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    /** Momentum {@code momentum} (in [0, 1)), optionally Nesterov's variant. */
    public Momentum(double learningRate, double momentum, boolean nesterov) {
        super("momentum", learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected List<Output> update(GraphBuilder g, Output grad, Variable var, Output lr) {
        Variable velocity = slot(g, var, "velocity");
        Output v = g.assign(velocity, g.add(g.mul(velocity, momentum), grad));
        Output step = nesterov ? g.add(grad, g.mul(v, momentum)) : v;
        return List.of(v, g.assignSub(var, g.mul(lr, step)));
    }
}
