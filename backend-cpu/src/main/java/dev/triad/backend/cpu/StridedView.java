package dev.triad.backend.cpu;

import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;

/**
 * What a kernel sees of an array: the memory segment, element type, first element and
 * per-dimension element strides (0 for a broadcast dimension, negative for a flipped one).
 * The arrays are shared, not copied, because views are made on every kernel call: callers and
 * kernels must not modify them.
 */
public final class StridedView {
    private final MemorySegment segment;
    private final DType dtype;
    private final long offset;
    private final long[] shape;
    private final long[] strides;

    /**
     * @param segment the storage
     * @param dtype element type
     * @param offset first element, in elements from the segment's start
     * @param shape dimensions (not copied)
     * @param strides element strides per dimension (not copied)
     */
    public StridedView(MemorySegment segment, DType dtype, long offset, long[] shape, long[] strides) {
        if (shape.length != strides.length) throw new IllegalArgumentException("rank of shape and strides differ");
        this.segment = segment;
        this.dtype = dtype;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A contiguous row-major view from element 0 of {@code segment}. */
    public static StridedView contiguous(MemorySegment segment, DType dtype, long[] shape) {
        return new StridedView(segment, dtype, 0, shape, contiguousStrides(shape));
    }

    /** Row-major element strides of {@code shape}. */
    public static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** The storage. */
    public MemorySegment segment() { return segment; }
    /** Element type. */
    public DType dtype() { return dtype; }
    /** First element, in elements. */
    public long offset() { return offset; }
    /** Dimensions (shared: do not modify). */
    public long[] shape() { return shape; }
    /** Element strides (shared: do not modify). */
    public long[] strides() { return strides; }
    /** Number of dimensions. */
    public int rank() { return shape.length; }
    /** Size of dimension {@code axis}. */
    public long dim(int axis) { return shape[axis]; }
    /** Element stride of dimension {@code axis}. */
    public long stride(int axis) { return strides[axis]; }

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** A view of the same storage with another offset, shape and strides. */
    public StridedView with(long newOffset, long[] newShape, long[] newStrides) {
        return new StridedView(segment, dtype, newOffset, newShape, newStrides);
    }

    /** True when the elements are row-major without gaps from {@link #offset()}. */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }
}
