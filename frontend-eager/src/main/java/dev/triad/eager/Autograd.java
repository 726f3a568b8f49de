package dev.triad.eager;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

import java.util.ArrayList;
import java.util.List;

/**
 * Tape autograd: recording (called by {@link EagerOps#apply} for every op) and the public
 * entry points {@link #backward}, {@link #grad} and {@link #noGrad}. The reverse pass itself is
 * {@link Engine}.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * Turns recording off until the guard closes (PyTorch's {@code torch.no_grad()}):
     * {@code try (var g = Autograd.noGrad()) { ... }}.
     */
    public static GradMode.Guard noGrad() { return GradMode.set(false); }

    /** Turns recording on until the guard closes ({@code torch.enable_grad()}). */
    public static GradMode.Guard enableGrad() { return GradMode.set(true); }

    /**
     * Records {@code out = p(inputs)} on the tape when grad mode is on, the primitive has a
     * derivative, the result is floating and some differentiable input requires grad.
     */
    static void record(Primitive p, Attrs attrs, List<Tensor> inputs, Tensor out) {
        if (p.derivative() == Primitive.Derivative.NONE || !GradMode.isEnabled() || !out.dtype().isFloating()) return;
        int n = inputs.size();
        Node[] next = null;
        for (int i = 0; i < n; i++) {
            Tensor t = inputs.get(i);
            if (t.requiresGrad && p.isDifferentiableInput(i)) {
                if (next == null) next = new Node[n];
                next[i] = t.gradEdge();
            }
        }
        if (next == null) return;
        OpNode node = new OpNode(p, attrs, inputs.toArray(new Tensor[0]), next);
        node.setOutput(out);
        out.setHistory(node);
    }

    /**
     * Computes the gradient of {@code root} and accumulates it into the {@code grad} of every
     * leaf that requires grad. {@code gradient} may be null for a one-element root.
     */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        List<Tensor> g = new ArrayList<>(1);
        g.add(gradient);
        new Engine(List.of(root), g, retainGraph || createGraph, createGraph, null).run();
    }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, without touching any
     * {@code grad} field ({@code torch.autograd.grad}). {@code gradOutputs} may be null (every
     * output must then have one element) or hold nulls. Inputs the outputs do not depend on get
     * a null entry. With {@code createGraph} the results can be differentiated again.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        List<Tensor> g = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) g.add(gradOutputs == null ? null : gradOutputs.get(i));
        return new Engine(outputs, g, retainGraph || createGraph, createGraph, inputs).run();
    }

    /** {@link #grad} of one output with respect to some inputs, freeing the graph unless {@code createGraph}. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        return grad(List.of(output), inputs, null, createGraph, createGraph);
    }
}
