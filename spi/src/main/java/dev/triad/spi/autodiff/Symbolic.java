package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Ops} over placeholder values that carry only a type, each one a distinct object.
 * Unlike {@link dev.triad.spi.ops.TypeOps} (whose values are shared type records) a
 * {@link Tape} over it records an unambiguous program; batching traces decompositions with it.
 */
final class Symbolic implements Ops<Symbolic.Value> {
    /** The shared instance (stateless). */
    static final Symbolic INSTANCE = new Symbolic();

    /** A placeholder of a given type; identity distinguishes placeholders. */
    static final class Value {
        private final TensorType type;

        Value(TensorType type) { this.type = type; }

        TensorType type() { return type; }

        @Override
        public String toString() { return "%" + type; }
    }

    private Symbolic() {}

    @Override
    public Value apply(Primitive p, Attrs attrs, List<Value> inputs) {
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (Value v : inputs) types.add(v.type);
        return new Value(p.inferType(types, attrs));
    }

    @Override
    public TensorType typeOf(Value value) { return value.type; }
}
