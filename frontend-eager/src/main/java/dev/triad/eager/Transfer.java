package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;

import java.util.List;

/**
 * Moving a tensor to another backend: download to the host, upload to the target. The move is
 * differentiable: a {@link Node} sends the gradient back to the source backend the same way.
 */
final class Transfer {
    private Transfer() {}

    /** {@code t} copied to {@code target} (t itself when already there). */
    static Tensor to(Tensor t, Backend target) {
        Backend source = t.backend();
        if (source == target) return t;
        HostArray host = source.download(t.data());
        Tensor out = Tensor.wrap(target.upload(host));
        if (GradMode.isEnabled() && t.requiresGrad) out.setHistory(new MoveNode(t.gradEdge(), source));
        return out;
    }

    /** The tape entry of a move: the gradient moves back to the source backend. */
    static final class MoveNode extends Node {
        private final Backend source;

        MoveNode(Node input, Backend source) {
            super(new Node[] {input});
            this.source = source;
        }

        @Override
        String name() { return "ToCopyBackward"; }

        @Override
        List<Tensor> backward(Tensor cotangent) { return List.of(to(cotangent, source)); }
    }
}
