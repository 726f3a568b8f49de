package dev.triad.eager.nn;

import dev.triad.spi.types.Shape;

/** Shape formatting for layer messages, the way PyTorch prints sizes. */
final class Shapes {
    private Shapes() {}

    /** {@code [32, 3136]}. */
    static String show(Shape s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.rank(); i++) {
            if (i > 0) b.append(", ");
            b.append(s.dim(i));
        }
        return b.append(']').toString();
    }

    /** {@code (3, 3)}: a tuple as PyTorch's module descriptions print it. */
    static String tuple(int[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(", ");
            b.append(v[i]);
        }
        if (v.length == 1) b.append(',');
        return b.append(')').toString();
    }

    /** {@code n} copies of {@code v}. */
    static int[] repeat(int v, int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, v);
        return out;
    }
}
