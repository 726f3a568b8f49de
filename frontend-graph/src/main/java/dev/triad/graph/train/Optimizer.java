package dev.triad.graph.train;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Operation;
import dev.triad.graph.Output;
import dev.triad.graph.Variable;
import dev.triad.graph.init.Initializers;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the optimizers. The learning rate is a variable ({@link #learningRate()}), so a
 * schedule changes it between steps without recompiling anything. An optimizer belongs to the
 * first graph it is used with.
 */
public abstract class Optimizer {
    private final String name;
    private final double initialLearningRate;
    private GraphBuilder graph;
    private Variable learningRate;
    private final List<Variable> state = new ArrayList<>();

    /**
     * @param name the name scope of the optimizer's variables and ops
     * @param learningRate the initial learning rate
     */
    protected Optimizer(String name, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        this.name = name;
        this.initialLearningRate = learningRate;
    }

    /** The optimizer's name scope, e.g. {@code adam}. */
    public String name() { return name; }

    /** The learning rate the variable starts with. */
    public double initialLearningRate() { return initialLearningRate; }

    /** The learning-rate variable (an f64 scalar, cast to each variable's dtype), once the optimizer has been used. */
    public Variable learningRate() {
        if (learningRate == null) throw new IllegalStateException("the optimizer has not been added to a graph yet");
        return learningRate;
    }

    /** Every variable the optimizer created (learning rate, slots, counters). */
    public List<Variable> variables() { return List.copyOf(state); }

    /** Minimises {@code loss} over the graph's trainable variables. */
    public Operation minimize(GraphBuilder g, Output loss) { return minimize(g, loss, g.trainableVariables()); }

    /** Adds the gradients of {@code loss} and the updates of {@code vars}; returns the training step. */
    public Operation minimize(GraphBuilder g, Output loss, List<Variable> vars) {
        if (vars.isEmpty()) throw new GraphException("nothing to minimise: no variables given");
        return applyGradients(g, g.gradients(loss, vars), vars);
    }

    /** Adds the updates of {@code vars} by {@code grads} (one each); returns the training step. */
    public Operation applyGradients(GraphBuilder g, List<Output> grads, List<Variable> vars) {
        if (grads.size() != vars.size()) throw new GraphException(grads.size() + " gradients for " + vars.size() + " variables; expected one each");
        bind(g);
        List<Output> updates = new ArrayList<>();
        try (GraphBuilder.Scope _ = g.scope(name)) {
            Output lr = learningRate;
            updates.addAll(prepare(g));
            for (int i = 0; i < vars.size(); i++) {
                Variable v = vars.get(i);
                if (!v.dtype().isFloating()) throw new GraphException("cannot train variable '" + v.name() + "' of type " + v.type() + "; expected a floating type");
                updates.addAll(update(g, grads.get(i), v, g.cast(lr, v.dtype())));
            }
            return g.group("train", updates);
        }
    }

    private void bind(GraphBuilder g) {
        if (graph != null && graph != g) throw new GraphException("optimizer '" + name + "' is already used with another graph");
        if (graph == null) {
            graph = g;
            try (GraphBuilder.Scope _ = g.scope(name)) {
                learningRate = stateVariable(g, "learning_rate", TensorType.of(DType.F64), initialLearningRate);
            }
        }
    }

    /** A non-trainable variable of the optimizer filled with {@code value}, named inside the current scopes. */
    protected final Variable stateVariable(GraphBuilder g, String varName, TensorType type, double value) {
        Variable v = g.variable(varName, type, Initializers.constant(value), false);
        state.add(v);
        return v;
    }

    /** A zero-initialised slot shaped like {@code var}, e.g. a momentum buffer. */
    protected final Variable slot(GraphBuilder g, Variable var, String slotName) {
        return stateVariable(g, var.name() + "/" + slotName, var.type(), 0.0);
    }

    /** Updates shared by all variables of one step (a step counter), run once per step; empty by default. */
    protected List<Output> prepare(GraphBuilder g) { return List.of(); }

    /**
     * The assignments that update {@code var} given its gradient.
     *
     * @param lr the learning rate in {@code var}'s dtype
     */
    protected abstract List<Output> update(GraphBuilder g, Output grad, Variable var, Output lr);
}
