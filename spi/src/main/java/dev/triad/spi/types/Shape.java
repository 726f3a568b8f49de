package dev.triad.spi.types;

import java.util.Arrays;

/** An immutable list of non-negative dimension sizes. Rank 0 is a scalar. */
public final class Shape {
    /** The scalar shape {@code []}. */
    public static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /** A shape with the given dimensions; every size must be non-negative. */
    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
        }
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** A shape from int dimensions. */
    public static Shape ofInts(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) l[i] = dims[i];
        return of(l);
    }

    /** Number of dimensions. */
    public int rank() { return dims.length; }

    /** Size of dimension {@code axis} (non-negative axis). */
    public long dim(int axis) { return dims[axis]; }

    /** A copy of the dimensions. */
    public long[] toArray() { return dims.clone(); }

    /** Product of the dimensions (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Row-major strides (in elements) of a contiguous tensor of this shape. */
    public long[] contiguousStrides() {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape withDim(int axis, long size) {
        long[] d = dims.clone();
        d[axis] = size;
        return of(d);
    }

    /** This shape with the dimensions in {@code axes} removed (axes must be valid). */
    public Shape without(int... axes) {
        boolean[] drop = new boolean[dims.length];
        for (int a : axes) drop[a] = true;
        long[] out = new long[dims.length - (int) countTrue(drop)];
        int j = 0;
        for (int i = 0; i < dims.length; i++) if (!drop[i]) out[j++] = dims[i];
        return of(out);
    }

    /** This shape with a dimension of {@code size} inserted at {@code axis}. */
    public Shape insert(int axis, long size) {
        long[] out = new long[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, axis);
        out[axis] = size;
        System.arraycopy(dims, axis, out, axis + 1, dims.length - axis);
        return of(out);
    }

    private static long countTrue(boolean[] b) {
        long n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }

    /** Parses the text form {@code [2,3]} (brackets optional, {@code []} is a scalar). */
    public static Shape parse(String text) {
        String t = text.trim();
        if (t.startsWith("[")) t = t.substring(1, t.length() - 1);
        t = t.trim();
        if (t.isEmpty()) return SCALAR;
        String[] parts = t.split(",");
        long[] d = new long[parts.length];
        for (int i = 0; i < parts.length; i++) d[i] = Long.parseLong(parts[i].trim());
        return of(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** The text form {@code [2,3]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) b.append(',');
            b.append(dims[i]);
        }
        return b.append(']').toString();
    }
}
