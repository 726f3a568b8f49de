package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.DTypeSet;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * argmax and argmin {axis, keep_dims}: the I64 index of the first extremum along a non-empty
 * axis. A NaN counts as the extremum for both, so the first NaN wins (as NumPy does), which
 * agrees with reduce_max/reduce_min returning NaN.
 */
public final class ArgKernel implements CpuKernel {
    private final boolean max;

    /** argmax when {@code max}, else argmin. */
    public ArgKernel(boolean max) { this.max = max; }

    @Override
    public Support supports(DType dtype) {
        return DTypeSet.NUMERIC.contains(dtype) ? Support.YES : Support.no("argmax/argmin are defined for numeric types, not bool");
    }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0);
        int axis = attrs.get(Keys.AXIS);
        long len = x.dim(axis), stride = x.stride(axis);
        Dims.Coalesced kept = Dims.coalesce(Dims.without(x.shape(), new int[] {axis}), Dims.without(x.strides(), new int[] {axis}));
        long outN = Dims.numel(kept.shape());
        if (outN == 0 || Dims.numel(x.shape()) == 0) return;
        boolean floating = x.dtype().isFloating();
        MemorySegment s = x.segment();
        DType t = x.dtype();
        threads.forRange(outN, len + 5, (from, to) -> {
            long[] idx = new long[kept.rank()];
            long off = x.offset() + Dims.start(from, kept.shape(), kept.strides()[0], idx);
            for (long o = from; o < to; o++) {
                long best = floating ? scanDouble(s, t, off, stride, len) : scanLong(s, t, off, stride, len);
                out.segment().set(Convert.I64, 8 * (out.offset() + o), best);
                off += Dims.step(idx, kept.shape(), kept.strides()[0]);
            }
        });
    }

    private long scanDouble(MemorySegment s, DType t, long off, long stride, long len) {
        double best = Convert.getDouble(s, off, t);
        if (Double.isNaN(best)) return 0;
        long at = 0;
        for (long j = 1; j < len; j++) {
            double v = Convert.getDouble(s, off + j * stride, t);
            if (Double.isNaN(v)) return j;
            if (max ? v > best : v < best) {
                best = v;
                at = j;
            }
        }
        return at;
    }

    private long scanLong(MemorySegment s, DType t, long off, long stride, long len) {
        long best = Convert.getLong(s, off, t);
        long at = 0;
        for (long j = 1; j < len; j++) {
            long v = Convert.getLong(s, off + j * stride, t);
            if (max ? v > best : v < best) {
                best = v;
                at = j;
            }
        }
        return at;
    }
}
