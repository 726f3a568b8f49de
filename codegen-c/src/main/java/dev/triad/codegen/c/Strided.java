package dev.triad.codegen.c;

import java.util.Arrays;

/**
 * One operand of a kernel as the index metadata sees it: the element offset of its first
 * element and its element strides (0 for broadcast dimensions, negative for flipped ones).
 *
 * @param offset first element, in elements of the operand's buffer
 * @param strides element stride per dimension of the iteration shape
 */
public record Strided(long offset, long[] strides) {
    /** Copies the strides. */
    public Strided {
        strides = strides.clone();
    }

    /** A contiguous row-major operand of {@code dims} starting at element 0. */
    public static Strided contiguous(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return new Strided(0, s);
    }

    @Override
    public long[] strides() { return strides.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Strided s && s.offset == offset && Arrays.equals(s.strides, strides);
    }

    @Override
    public int hashCode() { return 31 * Long.hashCode(offset) + Arrays.hashCode(strides); }

    @Override
    public String toString() { return "@" + offset + Arrays.toString(strides); }
}
