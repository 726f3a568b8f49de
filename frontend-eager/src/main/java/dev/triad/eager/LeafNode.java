package dev.triad.eager;

import java.util.List;

/** The end of a gradient path: accumulates into a leaf tensor's {@code grad}. */
final class LeafNode extends Node {
    final Tensor leaf;

    LeafNode(Tensor leaf) {
        super(new Node[0]);
        this.leaf = leaf;
    }

    @Override
    String name() { return "AccumulateGrad"; }

    @Override
    List<Tensor> backward(Tensor cotangent) { return List.of(); }
}
