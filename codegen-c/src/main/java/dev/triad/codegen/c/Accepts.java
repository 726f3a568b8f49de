package dev.triad.codegen.c;

import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dtypes an elementwise primitive accepts, asked of its own shape rule so that the
 * emitter never keeps a second list that could drift from the op table.
 */
public final class Accepts {
    private Accepts() {}

    /** True when unary or binary elementwise {@code p} accepts inputs of {@code t}. */
    public static boolean elementwise(Primitive p, DType t) {
        int arity = p.category() == Primitive.Category.BINARY ? 2 : 1;
        List<TensorType> in = new ArrayList<>();
        for (int i = 0; i < arity; i++) in.add(TensorType.of(t, 1));
        try {
            p.inferType(in, Attrs.EMPTY);
            return true;
        } catch (TriadException e) {
            return false;
        }
    }
}
