package dev.triad.conformance.check;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reverse mode over any {@link Ops}: applications made through the tape are recorded,
 * and {@link #gradient} walks them backwards applying each primitive's own VJP rule through the
 * underlying algebra. Recording a VJP rule's own computation and walking back over it gives
 * second derivatives, which is what the second-order checks need. Values are keyed by
 * identity, so the underlying Ops must return a new value from every application.
 *
 * <p>Kept inside the suite on purpose: the conformance suite checks the rules with as little
 * shared machinery as possible.
 *
 * @param <T> the value type
 */
public final class Tape<T> implements Ops<T> {
    private record Node<T>(Primitive p, Attrs attrs, List<T> inputs, T output) {}

    private final Ops<T> base;
    private final List<Node<T>> nodes = new ArrayList<>();

    /** A tape recording applications made through it onto {@code base}. */
    public Tape(Ops<T> base) { this.base = base; }

    @Override
    public T apply(Primitive p, Attrs attrs, List<T> inputs) {
        T out = base.apply(p, attrs, inputs);
        nodes.add(new Node<>(p, attrs, new ArrayList<>(inputs), out));
        return out;
    }

    @Override
    public TensorType typeOf(T value) { return base.typeOf(value); }

    /**
     * The gradient of the scalar {@code y} with respect to each of {@code wrt} (zeros for a
     * value {@code y} does not depend on). Only floating values carry gradients; primitives
     * declared non-differentiable (comparisons, ...) stop them.
     */
    public List<T> gradient(T y, List<T> wrt) {
        Map<T, T> grads = new IdentityHashMap<>();
        grads.put(y, base.onesLike(y));
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node<T> n = nodes.get(k);
            T g = grads.get(n.output);
            if (g == null || n.p.derivative() == Primitive.Derivative.NONE || !base.dtype(n.output).isFloating()) continue;
            List<T> cts = n.p.vjp(base, n.inputs, n.output, g, n.attrs);
            for (int i = 0; i < n.inputs.size(); i++) {
                T x = n.inputs.get(i);
                T ct = i < cts.size() ? cts.get(i) : null;
                if (ct == null || !n.p.isDifferentiableInput(i) || !base.dtype(x).isFloating()) continue;
                T prev = grads.get(x);
                grads.put(x, prev == null ? ct : base.add(prev, ct));
            }
        }
        List<T> out = new ArrayList<>(wrt.size());
        for (T x : wrt) {
            T g = grads.get(x);
            out.add(g != null ? g : base.zerosLike(x));
        }
        return out;
    }
}
