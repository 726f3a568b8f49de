package dev.triad.spi.types;

import dev.triad.spi.error.ShapeException;

/** NumPy broadcasting: shapes align on the right; a size of 1 stretches to match. */
public final class Broadcasting {
    private Broadcasting() {}

    /** The broadcast shape of {@code shapes}, or a {@link ShapeException} naming {@code op}. */
    public static Shape broadcast(String op, Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) rank = Math.max(rank, s.rank());
        long[] out = new long[rank];
        java.util.Arrays.fill(out, 1);
        for (Shape s : shapes) {
            int offset = rank - s.rank();
            for (int i = 0; i < s.rank(); i++) {
                long d = s.dim(i);
                long o = out[offset + i];
                if (o == d || d == 1) continue;
                if (o == 1) { out[offset + i] = d; continue; }
                throw new ShapeException(op, "cannot broadcast shapes " + describe(shapes)
                        + ": dimension " + (offset + i) + " of the result would need size " + o + " and " + d
                        + "; expected equal sizes or 1 (shapes align on the right)");
            }
        }
        return Shape.of(out);
    }

    /** True when {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) return false;
        int offset = to.rank() - from.rank();
        for (int i = 0; i < from.rank(); i++) {
            long d = from.dim(i);
            if (d != 1 && d != to.dim(offset + i)) return false;
        }
        return true;
    }

    /**
     * Element strides that view a tensor of shape {@code from} with {@code strides} as the
     * broadcast shape {@code to}: stretched dimensions get stride 0.
     */
    public static long[] broadcastStrides(Shape from, long[] strides, Shape to) {
        long[] out = new long[to.rank()];
        int offset = to.rank() - from.rank();
        for (int i = 0; i < from.rank(); i++) {
            out[offset + i] = from.dim(i) == 1 && to.dim(offset + i) != 1 ? 0 : strides[i];
        }
        return out;
    }

    private static String describe(Shape... shapes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            if (i > 0) b.append(i == shapes.length - 1 ? " and " : ", ");
            b.append(shapes[i]);
        }
        return b.toString();
    }
}
