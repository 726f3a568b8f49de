package dev.triad.graph.train;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;

import java.util.List;

/** Plain gradient descent: {@code w -= lr * g}. */
public final class SGD extends Optimizer {
    /** SGD with learning rate {@code learningRate}. */
    public SGD(double learningRate) { super("sgd", learningRate); }

    @Override
    protected List<Output> update(GraphBuilder g, Output grad, Variable var, Output lr) {
        return List.of(g.assignSub(var, g.mul(lr, grad)));
    }
}
