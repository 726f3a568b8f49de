package dev.triad.graph;

import dev.triad.spi.types.Shape;

import java.util.Arrays;

/**
 * A shape whose dimensions may be unknown until the graph runs, like TensorFlow's
 * {@code [None, 784]}: {@link #UNKNOWN} ({@code -1}) marks an unknown size, printed {@code ?}.
 * The rank is always known. Immutable.
 */
public final class PartialShape {
    /** The marker of an unknown dimension. */
    public static final long UNKNOWN = -1;

    private final long[] dims;

    private PartialShape(long[] dims) { this.dims = dims; }

    /** A shape with these dimensions; {@code -1} marks an unknown one, other negatives are rejected. */
    public static PartialShape of(long... dims) {
        for (long d : dims) {
            if (d < UNKNOWN) throw new IllegalArgumentException("dimension " + d + " in " + Arrays.toString(dims) + "; expected a size >= 0 or -1 (unknown)");
        }
        return new PartialShape(dims.clone());
    }

    /** The fully known shape {@code s}. */
    public static PartialShape known(Shape s) { return new PartialShape(s.toArray()); }

    /** Number of dimensions. */
    public int rank() { return dims.length; }

    /** Size of dimension {@code axis}, or {@link #UNKNOWN}. */
    public long dim(int axis) { return dims[axis]; }

    /** A copy of the dimensions, {@code -1} for unknown ones. */
    public long[] toArray() { return dims.clone(); }

    /** True when no dimension is unknown. */
    public boolean isFullyKnown() {
        for (long d : dims) if (d == UNKNOWN) return false;
        return true;
    }

    /** The concrete shape; only for fully known shapes. */
    public Shape toShape() {
        if (!isFullyKnown()) throw new IllegalStateException("shape " + this + " has unknown dimensions");
        return Shape.of(dims);
    }

    /** True when concrete shape {@code s} has this rank and agrees on every known dimension. */
    public boolean accepts(Shape s) {
        if (s.rank() != dims.length) return false;
        for (int i = 0; i < dims.length; i++) if (dims[i] != UNKNOWN && dims[i] != s.dim(i)) return false;
        return true;
    }

    /** The concrete shape with every unknown dimension replaced by {@code size}. */
    Shape fill(long size) {
        long[] d = dims.clone();
        for (int i = 0; i < d.length; i++) if (d[i] == UNKNOWN) d[i] = size;
        return Shape.of(d);
    }

    @Override
    public boolean equals(Object o) { return o instanceof PartialShape p && Arrays.equals(dims, p.dims); }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** The text form {@code [?,784]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) b.append(',');
            b.append(dims[i] == UNKNOWN ? "?" : String.valueOf(dims[i]));
        }
        return b.append(']').toString();
    }

    /** Parses {@code [?,784]} (also accepting {@code -1} for unknown). */
    public static PartialShape parse(String text) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) throw new IllegalArgumentException("expected a shape like [?,784], got '" + text + "'");
        String inner = t.substring(1, t.length() - 1).trim();
        if (inner.isEmpty()) return new PartialShape(new long[0]);
        String[] parts = inner.split(",");
        long[] d = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            d[i] = p.equals("?") ? UNKNOWN : Long.parseLong(p);
        }
        return of(d);
    }
}
