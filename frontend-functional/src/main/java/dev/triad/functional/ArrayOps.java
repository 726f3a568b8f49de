package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * The generic algebra over {@link Array}s: every op goes through {@link Core#bind}. The
 * {@link np} functions are built on its helpers, and the primitives' derivative and batching
 * rules run through it, so whatever a rule computes is itself seen by the traces below.
 */
final class ArrayOps implements Ops<Array> {
    /** The shared instance (stateless). */
    static final ArrayOps OPS = new ArrayOps();

    private ArrayOps() {}

    @Override
    public Array apply(Primitive p, Attrs attrs, List<Array> inputs) { return Core.bind(p, attrs, inputs); }

    @Override
    public TensorType typeOf(Array value) { return value.type(); }
}
