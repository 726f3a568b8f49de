package dev.triad.conformance.spec;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.SplittableRandom;

/**
 * One input of a sample: its shape, its dtype (or null for "the case's dtype") and how its
 * values are made.
 *
 * @param shape the shape
 * @param dtype a fixed dtype (indices, conditions, keys), or null to follow the case's dtype
 * @param gen the values
 */
public record InputSpec(Shape shape, DType dtype, ValueGen gen) {
    /** The input's dtype in a case of dtype {@code caseDType}. */
    public DType dtypeFor(DType caseDType) { return dtype != null ? dtype : caseDType; }

    /** The values for a case of dtype {@code caseDType}. */
    public RefArray make(DType caseDType, SplittableRandom r) {
        DType t = dtypeFor(caseDType);
        if (gen instanceof ExactLongs e && !t.isFloating()) return RefArray.ofLongs(t, shape, e.fill(shape));
        return RefArray.of(t, shape, gen.values(t, shape, r));
    }

    /** This input with another shape (same dtype rule and values). */
    public InputSpec withShape(Shape s) { return new InputSpec(s, dtype, gen); }

    @Override
    public String toString() { return (dtype == null ? "T" : dtype.shortName()) + shape; }
}
