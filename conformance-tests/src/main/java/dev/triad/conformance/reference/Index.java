package dev.triad.conformance.reference;

import dev.triad.spi.types.Shape;

/** Row-major index arithmetic shared by the reference kernels (int sized: reference arrays are small). */
final class Index {
    private Index() {}

    /** Contiguous row-major strides of {@code s}. */
    static int[] strides(Shape s) {
        int[] st = new int[s.rank()];
        int acc = 1;
        for (int i = s.rank() - 1; i >= 0; i--) {
            st[i] = acc;
            acc *= (int) s.dim(i);
        }
        return st;
    }

    /** The multi-index of flat index {@code flat} in {@code s}, written into {@code out}. */
    static void unravel(int flat, Shape s, int[] out) {
        for (int i = s.rank() - 1; i >= 0; i--) {
            int d = (int) s.dim(i);
            out[i] = d == 0 ? 0 : flat % d;
            flat = d == 0 ? 0 : flat / d;
        }
    }

    /** Number of elements as an int. */
    static int numel(Shape s) { return Math.toIntExact(s.numel()); }

    /**
     * For each flat index of {@code out}, the flat index of {@code in} that NumPy broadcasting
     * reads (shapes aligned on the right; size-1 dimensions repeat).
     */
    static int[] broadcastMap(Shape in, Shape out) {
        int n = numel(out);
        int[] map = new int[n];
        int[] inStrides = strides(in);
        int offset = out.rank() - in.rank();
        int[] idx = new int[out.rank()];
        for (int f = 0; f < n; f++) {
            unravel(f, out, idx);
            int src = 0;
            for (int i = 0; i < in.rank(); i++) {
                if (in.dim(i) != 1) src += idx[offset + i] * inStrides[i];
            }
            map[f] = src;
        }
        return map;
    }
}
