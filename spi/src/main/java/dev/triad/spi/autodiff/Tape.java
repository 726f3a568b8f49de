package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An {@link Ops} that runs every op on a base {@code Ops} and records it as a {@link Step}.
 * The one recording mechanism behind {@link Autodiff} and {@link DecompositionRules}.
 *
 * <p>Values are tracked by identity, so the base must hand out a fresh value from every
 * {@code apply} (eager tensors, graph nodes and device arrays do; {@link
 * dev.triad.spi.ops.TypeOps} shares type records between values, which is harmless for the
 * types it computes but makes its tapes ambiguous — the symbolic values of {@link Symbolic}
 * are the identity-safe way to trace types).
 *
 * @param <T> the value type
 */
final class Tape<T> implements Ops<T> {
    private final Ops<T> base;
    private final List<Step<T>> steps = new ArrayList<>();

    Tape(Ops<T> base) { this.base = base; }

    @Override
    public T apply(Primitive p, Attrs attrs, List<T> inputs) {
        T out = base.apply(p, attrs, inputs);
        steps.add(new Step<>(p, attrs, List.copyOf(inputs), out));
        return out;
    }

    @Override
    public TensorType typeOf(T value) { return base.typeOf(value); }

    /** The steps recorded so far, in execution order (a snapshot). */
    List<Step<T>> steps() { return List.copyOf(steps); }

    /**
     * {@code values} with every repeated object replaced by a fresh alias (a reshape to its own
     * shape, run on {@code ops}), so that each position is a value of its own and gets its own
     * cotangent or tangent, e.g. {@code layer_norm(x, w, w)}.
     */
    static <T> List<T> distinct(Ops<T> ops, List<T> values) {
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> out = new ArrayList<>(values.size());
        for (T v : values) {
            if (seen.add(v)) {
                out.add(v);
            } else {
                out.add(ops.apply(Prims.RESHAPE, Attrs.of(Keys.SHAPE, ops.shape(v)), List.of(v)));
            }
        }
        return out;
    }
}
