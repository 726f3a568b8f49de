package dev.triad.backend.cuda;

import java.util.Arrays;

/**
 * A device tensor as cuDNN sees it: the address of its first element (offset applied), its
 * dimensions and its element strides.
 *
 * @param address device address of the first element
 * @param dims dimensions
 * @param strides element strides, one per dimension
 */
public record DnnTensor(long address, long[] dims, long[] strides) {
    /** Copies the arrays and checks they match. */
    public DnnTensor {
        dims = dims.clone();
        strides = strides.clone();
        if (dims.length != strides.length) throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " and strides " + Arrays.toString(strides) + " differ in rank");
    }

    /** A packed (row-major) tensor. */
    public static DnnTensor packed(long address, long[] dims) { return new DnnTensor(address, dims, contiguous(dims)); }

    /** The same memory with dimensions 0 and 1 exchanged (a transposed view, no copy). */
    public DnnTensor swap01() {
        long[] d = dims.clone(), s = strides.clone();
        d[0] = dims[1];
        d[1] = dims[0];
        s[0] = strides[1];
        s[1] = strides[0];
        return new DnnTensor(address, d, s);
    }

    /** Row-major strides of {@code dims}. */
    public static long[] contiguous(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }
}
