package dev.triad.backend.cpu.kernels;

/** Shape and stride arithmetic shared by the kernels. */
final class Dims {
    private Dims() {}

    /** Product of {@code shape}. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /**
     * Strides that view an array of {@code shape} with {@code strides} as the broadcast shape
     * {@code target} (shapes align on the right; stretched and new dimensions get stride 0).
     */
    static long[] broadcastStrides(long[] shape, long[] strides, long[] target) {
        long[] out = new long[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : strides[i];
        }
        return out;
    }

    /** A shape with one stride array per operand, after merging dimensions. */
    record Coalesced(long[] shape, long[][] strides) {
        int rank() { return shape.length; }
    }

    /**
     * Merges dimensions that every operand walks as one (dimension i folds into i + 1 when
     * each operand's {@code stride[i] == stride[i+1] * shape[i+1]}) and drops size-1
     * dimensions, so loops run over as few, as long rows as possible. Never returns rank 0: a
     * scalar becomes shape {@code [1]}.
     */
    static Coalesced coalesce(long[] shape, long[]... strides) {
        int k = strides.length;
        long[] outShape = new long[Math.max(1, shape.length)];
        long[][] outStrides = new long[k][outShape.length];
        int r = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) continue;
            boolean merge = r > 0;
            for (int j = 0; merge && j < k; j++) merge = outStrides[j][r - 1] == strides[j][i] * shape[i];
            if (merge) {
                outShape[r - 1] *= shape[i];
                for (int j = 0; j < k; j++) outStrides[j][r - 1] = strides[j][i];
            } else {
                outShape[r] = shape[i];
                for (int j = 0; j < k; j++) outStrides[j][r] = strides[j][i];
                r++;
            }
        }
        if (r == 0) {
            return new Coalesced(new long[] {shape.length == 0 || numel(shape) != 0 ? 1 : 0}, new long[k][1]);
        }
        long[] s = java.util.Arrays.copyOf(outShape, r);
        long[][] st = new long[k][];
        for (int j = 0; j < k; j++) st[j] = java.util.Arrays.copyOf(outStrides[j], r);
        return new Coalesced(s, st);
    }

    /** {@code shape} with the dimensions in {@code axes} (sorted) removed. */
    static long[] without(long[] shape, int[] axes) {
        long[] out = new long[shape.length - axes.length];
        int j = 0, a = 0;
        for (int i = 0; i < shape.length; i++) {
            if (a < axes.length && axes[a] == i) { a++; continue; }
            out[j++] = shape[i];
        }
        return out;
    }

    /** The entries of {@code values} at {@code axes}. */
    static long[] pick(long[] values, int[] axes) {
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = values[axes[i]];
        return out;
    }

    /** Long copy of an int array. */
    static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    /** Element offset of row-major flat index {@code flat} of {@code shape} under {@code strides}. */
    static long offsetOf(long flat, long[] shape, long[] strides) {
        long off = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            long dim = shape[d];
            if (dim == 0) return 0;
            off += (flat % dim) * strides[d];
            flat /= dim;
        }
        return off;
    }

    /** Sets {@code idx} to the row-major multi-index of {@code flat} in {@code shape}. */
    static void unflatten(long flat, long[] shape, long[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    /** Advances the row-major multi-index {@code idx} of {@code shape} by one (wrapping to zeros at the end). */
    static void advance(long[] idx, long[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    /** Sets {@code idx} to the multi-index of {@code flat} and returns its element offset. */
    static long start(long flat, long[] shape, long[] strides, long[] idx) {
        long off = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
            off += idx[d] * strides[d];
        }
        return off;
    }

    /** Advances the odometer {@code idx} by one and returns the change of element offset. */
    static long step(long[] idx, long[] shape, long[] strides) {
        long delta = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d]++;
            delta += strides[d];
            if (idx[d] < shape[d]) return delta;
            idx[d] = 0;
            delta -= shape[d] * strides[d];
        }
        return delta;
    }
}
