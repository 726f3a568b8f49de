package dev.triad.spi.ops;

import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Ops} over types alone: applying an op runs only its shape rule. Used to infer the
 * result type of a composite from its decomposition, and to check a function's shapes
 * without computing anything.
 */
public final class TypeOps implements Ops<TensorType> {
    /** The shared instance (stateless). */
    public static final TypeOps INSTANCE = new TypeOps();

    private TypeOps() {}

    @Override
    public TensorType apply(Primitive p, Attrs attrs, List<TensorType> inputs) {
        return p.inferType(new ArrayList<>(inputs), attrs);
    }

    @Override
    public TensorType typeOf(TensorType value) { return value; }
}
