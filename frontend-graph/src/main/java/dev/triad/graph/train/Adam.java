package dev.triad.graph.train;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * Adam (Kingma and Ba), with bias correction as PyTorch computes it, so the graph front-end
 * trains exactly like the eager one: with step {@code t},
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, epsilon;
    private Variable step;
    private Output nextStep;

    /** Adam with PyTorch's and Keras' defaults (0.9, 0.999, 1e-8 here as in PyTorch). */
    public Adam(double learningRate) { this(learningRate, 0.9, 0.999, 1e-8); }

    /** Adam with explicit decay rates and epsilon. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super("adam", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected List<Output> prepare(GraphBuilder g) {
        if (step == null) step = stateVariable(g, "step", TensorType.of(DType.F64), 0.0);
        nextStep = g.assignAdd(step, g.scalar(1.0, DType.F64));
        return List.of(nextStep);
    }

    @Override
    protected List<Output> update(GraphBuilder g, Output grad, Variable var, Output lr) {
        DType t = var.dtype();
        Variable m = slot(g, var, "m"), v = slot(g, var, "v");
        Output mNew = g.assign(m, g.add(g.mul(m, beta1), g.mul(grad, 1 - beta1)));
        Output vNew = g.assign(v, g.add(g.mul(v, beta2), g.mul(g.mul(grad, grad), 1 - beta2)));
        Output tStep = g.cast(nextStep, t);
        Output c1 = g.rsub(1.0, g.pow(g.scalar(beta1, t), tStep));
        Output c2 = g.rsub(1.0, g.pow(g.scalar(beta2, t), tStep));
        Output denom = g.add(g.sqrt(g.div(vNew, c2)), epsilon);
        Output delta = g.mul(lr, g.div(g.div(mNew, c1), denom));
        return List.of(mNew, vNew, g.assignSub(var, delta));
    }
}
