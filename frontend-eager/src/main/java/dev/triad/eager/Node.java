package dev.triad.eager;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the autograd tape: how to turn the cotangent of its output into cotangents of
 * its inputs. {@link #next} holds, per input, the node that input's gradient flows to (its
 * history, or the accumulator of a leaf), captured when the entry was recorded so that later
 * in-place updates of the input cannot re-route it; null where no gradient is needed.
 */
abstract class Node {
    final Node[] next;
    // Non-leaf tensors whose gradient the user asked to keep (retainGrad); usually null.
    private List<Tensor> retainers;

    Node(Node[] next) {
        this.next = next;
    }

    /** Name for messages and {@link Tensor#toString()}, e.g. {@code MulBackward}. */
    abstract String name();

    /**
     * Cotangents of the inputs, one per entry of {@link #next} (null where none), given the
     * cotangent of the output. Runs under the grad mode the backward pass chose.
     */
    abstract List<Tensor> backward(Tensor cotangent);

    /** Drops saved values after a backward pass that does not retain the graph. */
    void release() {}

    /** Asks that the gradient arriving at this node also be stored in {@code t.grad}. */
    void addRetainer(Tensor t) {
        if (retainers == null) retainers = new ArrayList<>(1);
        if (!retainers.contains(t)) retainers.add(t);
    }

    /** The tensors that retain this node's gradient, or null. */
    List<Tensor> retainers() { return retainers; }
}
