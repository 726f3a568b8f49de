package dev.triad.graph;

import dev.triad.spi.ops.Attr;

import java.util.List;

/**
 * A front-end op: a name (used in the saved graph format), its declared attributes and its
 * {@link Lowering}. Primitives of the op IR are front-end ops too (their lowering applies the
 * primitive); the others exist because their attributes depend on shapes that are only known
 * at run time, such as a reshape to {@code [-1, 784]} of a batch of unknown size.
 *
 * @param name unique name
 * @param attrs the attributes it takes
 * @param lowering how it becomes Graph IR
 */
public record FrontOp(String name, List<Attr<?>> attrs, Lowering lowering) {
    /** Copies the attribute list. */
    public FrontOp {
        attrs = List.copyOf(attrs);
    }

    /** The declared attribute called {@code attrName}, or null. */
    public Attr<?> attr(String attrName) {
        for (Attr<?> a : attrs) if (a.name().equals(attrName)) return a;
        return null;
    }
}
