package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.backend.cpu.kernels.StridedCopy;

import java.lang.foreign.MemorySegment;

/**
 * How a strided view is described to oneDNN. oneDNN's plain memory descriptors take any
 * non-negative element strides, so most views (transposes, slices, permuted batch and channel
 * dimensions) are passed as they are, without a copy. Views it cannot describe — flipped
 * (negative strides), broadcast inside a matrix (stride 0 on a dimension larger than one), or
 * heap-backed — are packed into {@link Staging} first.
 */
final class Layouts {
    private Layouts() {}

    /** Bytes per f32 element. */
    static final long F32_BYTES = 4;

    /** True when oneDNN can read {@code strides} over {@code dims} in place. */
    static boolean describable(long[] dims, long[] strides) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > 1 && strides[i] <= 0) return false;
        }
        return true;
    }

    /**
     * The strides handed to oneDNN: the view's own, except on dimensions of size one, whose
     * stride never matters and may be 0 or negative in a view; those get the extent of the
     * others so the descriptor stays well-formed.
     */
    static long[] cleanStrides(long[] dims, long[] strides) {
        long extent = 1;
        for (int i = 0; i < dims.length; i++) if (dims[i] > 1) extent = Math.max(extent, Math.abs(strides[i]) * dims[i]);
        long[] s = strides.clone();
        for (int i = 0; i < dims.length; i++) if (dims[i] <= 1) s[i] = extent;
        return s;
    }

    /** The address of element {@code offset} of a native segment. */
    static MemorySegment address(MemorySegment segment, long offset) {
        return MemorySegment.ofAddress(segment.address() + offset * F32_BYTES);
    }

    /** The address of a view's first element. */
    static MemorySegment address(StridedView v) {
        return address(v.segment(), v.offset());
    }

    /**
     * Copies {@code v} (read with {@code dims} and {@code strides}, any signs) into staging slot
     * {@code slot} as a dense row-major array and returns its address.
     */
    static MemorySegment pack(Staging staging, int slot, StridedView v, long[] dims, long[] strides, CpuThreads threads) {
        long n = 1;
        for (long d : dims) n *= d;
        MemorySegment dst = staging.slot(slot, n * F32_BYTES);
        StridedCopy.copy(v.with(v.offset(), dims, strides), StridedView.contiguous(dst, v.dtype(), dims), threads);
        return dst;
    }
}
