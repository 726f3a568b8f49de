package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * Data movement. Each op is a new view of its input (offset and strides rearranged, no data
 * touched) followed by one {@link StridedCopy} into the contiguous result, so every op works
 * for every dtype and every input layout.
 */
public final class MovementKernels {
    private MovementKernels() {}

    /** A movement kernel: it only describes the source view that the result copies. */
    private interface ViewRule {
        StridedView source(Attrs attrs, StridedView x, StridedView out);
    }

    private static CpuKernel viewCopy(ViewRule rule) {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedCopy.copy(rule.source(attrs, inputs.get(0), out), out, threads);
            }
        };
    }

    /** reshape: the result's row-major order is the input's, so copy the input into the result seen with the input's shape. */
    public static CpuKernel reshape() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView x = inputs.get(0);
                StridedCopy.copy(x, out.with(out.offset(), x.shape(), StridedView.contiguousStrides(x.shape())), threads);
            }
        };
    }

    /** permute {perm}: result axis i walks input axis perm[i]. */
    public static CpuKernel permute() {
        return viewCopy((a, x, out) -> {
            int[] perm = a.get(Keys.PERM);
            long[] strides = new long[perm.length];
            for (int i = 0; i < perm.length; i++) strides[i] = x.stride(perm[i]);
            return x.with(x.offset(), out.shape(), strides);
        });
    }

    /** broadcast_to {shape}: stretched dimensions read with stride 0. */
    public static CpuKernel broadcastTo() {
        return viewCopy((a, x, out) -> x.with(x.offset(), out.shape(), Dims.broadcastStrides(x.shape(), x.strides(), out.shape())));
    }

    /** slice {start, stop, step}: offset moves to the starts, strides scale by the steps. */
    public static CpuKernel slice() {
        return viewCopy((a, x, out) -> {
            long[] start = a.get(Keys.START), step = a.get(Keys.STEP);
            long off = x.offset();
            long[] strides = new long[x.rank()];
            for (int i = 0; i < x.rank(); i++) {
                off += start[i] * x.stride(i);
                strides[i] = x.stride(i) * step[i];
            }
            return x.with(off, out.shape(), strides);
        });
    }

    /** flip {axes}: start at the last element of each flipped axis and walk it backwards. */
    public static CpuKernel flip() {
        return viewCopy((a, x, out) -> {
            long off = x.offset();
            long[] strides = x.strides().clone();
            for (int ax : a.get(Keys.AXES)) {
                if (x.dim(ax) > 0) off += (x.dim(ax) - 1) * strides[ax];
                strides[ax] = -strides[ax];
            }
            return x.with(off, x.shape(), strides);
        });
    }

    /**
     * pad {low, high, interior, value}: fill the result with the value, then copy the input
     * elements that land inside it (negative low/high crop) into a strided view of the result.
     */
    public static CpuKernel pad() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView x = inputs.get(0);
                long[] low = attrs.get(Keys.LOW), interior = attrs.get(Keys.INTERIOR);
                StridedCopy.fill(out, attrs.get(Keys.VALUE), threads);
                int r = x.rank();
                long srcOff = x.offset(), dstOff = out.offset();
                long[] count = new long[r], dstStrides = new long[r];
                for (int i = 0; i < r; i++) {
                    long gap = interior[i] + 1;
                    // Input element j lands at low + j * gap; keep the j with 0 <= that < out dim.
                    long first = low[i] >= 0 ? 0 : ceilDiv(-low[i], gap);
                    long last = Math.min(x.dim(i) - 1, floorDiv(out.dim(i) - 1 - low[i], gap));
                    count[i] = Math.max(0, last - first + 1);
                    if (count[i] == 0) return;
                    srcOff += first * x.stride(i);
                    dstOff += (low[i] + first * gap) * out.stride(i);
                    dstStrides[i] = out.stride(i) * gap;
                }
                StridedCopy.copy(x.with(srcOff, count, x.strides()), out.with(dstOff, count, dstStrides), threads);
            }
        };
    }

    /** concat {axis}: each input is copied into its slab of the result. */
    public static CpuKernel concat() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                int axis = attrs.get(Keys.AXIS);
                long at = 0;
                for (StridedView x : inputs) {
                    StridedCopy.copy(x, out.with(out.offset() + at * out.stride(axis), x.shape(), out.strides()), threads);
                    at += x.dim(axis);
                }
            }
        };
    }

    private static long floorDiv(long a, long b) { return Math.floorDiv(a, b); }

    private static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }
}
