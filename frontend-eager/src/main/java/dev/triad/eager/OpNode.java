package dev.triad.eager;

import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tape entry of one primitive: its attributes, the input and output tensors with their
 * versions at record time, and the edges to the inputs' histories. Backward applies the
 * primitive's VJP rule from the spi through {@link EagerOps}; no derivative is written here.
 */
final class OpNode extends Node {
    private final Primitive primitive;
    private final Attrs attrs;
    private Tensor[] inputs;
    private final int[] inputVersions;
    private Tensor output;
    private int outputVersion;
    private boolean released;

    OpNode(Primitive primitive, Attrs attrs, Tensor[] inputs, Node[] next) {
        super(next);
        this.primitive = primitive;
        this.attrs = attrs;
        this.inputs = inputs;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) inputVersions[i] = inputs[i].version.get();
    }

    /** Saves the output (with its current version); called once the output exists. */
    void setOutput(Tensor out) {
        this.output = out;
        this.outputVersion = out.version.get();
    }

    Primitive primitive() { return primitive; }

    @Override
    String name() { return backwardName(primitive.name()); }

    /** {@code mul} becomes {@code MulBackward}, {@code reduce_sum} becomes {@code ReduceSumBackward}. */
    static String backwardName(String op) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : op.toCharArray()) {
            if (c == '_') { upper = true; continue; }
            b.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return b.append("Backward").toString();
    }

    @Override
    List<Tensor> backward(Tensor cotangent) {
        if (released) {
            throw new TriadException("backward", "trying to backward through the graph a second time (or to use saved tensors after "
                    + "they were freed) at [" + primitive.name() + "]. Saved values are freed when backward() or Autograd.grad() "
                    + "runs; pass retainGraph=true to the first call if you need to backward through the graph again");
        }
        List<Tensor> ins = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            ins.add(Tensor.savedStandIn(inputs[i], new Saved(this, "input " + i, inputVersions[i]), next[i]));
        }
        Tensor out = Tensor.savedStandIn(output, new Saved(this, "output", outputVersion), this);
        // Inputs without an edge (constants, data batches) get no cotangent: the rule may skip their work.
        boolean[] needsGrad = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) needsGrad[i] = next[i] != null;
        List<Tensor> grads = primitive.vjp(cotangent.ops, ins, out, cotangent, attrs, needsGrad);
        for (int i = 0; i < inputs.length; i++) {
            if (next[i] == null || grads.get(i) == null) continue;
            Shape want = inputs[i].shape(), got = grads.get(i).shape();
            if (!want.equals(got)) {
                throw new IllegalStateException("the VJP rule of " + primitive.name() + " returned a gradient of shape " + got
                        + " for input " + i + " of shape " + want);
            }
        }
        return grads;
    }

    @Override
    void release() {
        released = true;
        inputs = null;
        output = null;
    }

    /**
     * What a stand-in for a saved tensor checks before its values are read: that the tensor was
     * not modified in place since it was saved, and that it is still open.
     */
    static final class Saved {
        private final OpNode node;
        private final String role;
        private final int expectedVersion;

        Saved(OpNode node, String role, int expectedVersion) {
            this.node = node;
            this.role = role;
            this.expectedVersion = expectedVersion;
        }

        /** Throws PyTorch's error when {@code t} (the stand-in) was changed or closed since it was saved. */
        void check(Tensor t) {
            int now = t.version.get();
            if (now != expectedVersion) {
                throw new TriadException("backward", "one of the variables needed for gradient computation has been modified by an "
                        + "inplace operation: [" + node.primitive.name() + "] " + role + " " + t.type() + " is at version " + now
                        + "; expected version " + expectedVersion + " instead. Hint: an in-place op (a method ending in '_', or "
                        + "an optimizer step) overwrote a value this op saved for backward; use the out-of-place op or clone() "
                        + "the tensor first");
            }
            if (t.data.isClosed()) {
                throw new TriadException("backward", "the " + role + " " + t.type() + " of [" + node.primitive.name() + "], saved for "
                        + "gradient computation, was closed before backward ran (its Scope ended or close() was called). "
                        + "Call backward() inside the scope that ran the forward pass");
            }
        }

        @Override
        public String toString() { return role + " of [" + node.primitive.name() + "] " + Arrays.toString(new int[] {expectedVersion}); }
    }
}
