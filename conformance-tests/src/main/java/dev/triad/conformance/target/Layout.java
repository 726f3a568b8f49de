package dev.triad.conformance.target;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.spi.types.Shape;

/**
 * How an input is laid out in device memory. Every layout but {@link #CONTIGUOUS} is a view
 * of a larger or differently ordered upload, so kernels see real strides, offsets, stride 0
 * and negative strides. The logical values are what the reference computes with.
 */
public enum Layout {
    /** Row-major, offset 0. */
    CONTIGUOUS("contiguous"),
    /** All axes reversed in memory and viewed back with transposed strides (rank &gt;= 2). */
    PERMUTED("transposed strides"),
    /** Axis 0 has stride 0: one slice repeated (the logical values are made constant along axis 0). */
    BROADCAST("stride-0 broadcast"),
    /** Starts at a non-zero offset with a gap after every element (strides doubled), junk in the gaps. */
    OFFSET("offset slice with gaps"),
    /** Axis 0 stored in reverse and viewed with a negative stride. */
    FLIPPED("negative-stride flip");

    private final String description;

    Layout(String description) { this.description = description; }

    /** Words for reports. */
    public String description() { return description; }

    /** True when this layout can be built for {@code s} (otherwise the input stays contiguous). */
    public boolean appliesTo(Shape s) {
        if (this == CONTIGUOUS) return true;
        if (s.rank() == 0 || s.numel() == 0) return false;
        return this != PERMUTED || s.rank() >= 2;
    }

    /**
     * The values an array laid out this way holds when built from {@code x}: {@code x} itself,
     * except for {@link #BROADCAST}, which repeats {@code x}'s first slice along axis 0.
     */
    public RefArray logical(RefArray x) {
        if (this != BROADCAST || !appliesTo(x.shape())) return x;
        ReferenceOps o = ReferenceOps.INSTANCE;
        RefArray first = o.sliceAxis(x, 0, 0, 1);
        return o.broadcastTo(first, x.shape());
    }

    /** Words for a report, e.g. {@code "transposed strides"}. */
    @Override
    public String toString() { return description; }
}
