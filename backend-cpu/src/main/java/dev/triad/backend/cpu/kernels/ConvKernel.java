package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * conv {strides, pad_low, pad_high, lhs_dilation, rhs_dilation, groups}, N-d. Floating types
 * run as matrix products: for each image and group, a chunk of output positions is unrolled
 * into columns ({@code [C/groups * taps, chunk]}, im2col, zeros for padding and lhs-dilation
 * gaps) and multiplied by the group's filters ({@code [O/groups, C/groups * taps]}) with
 * {@link Gemm}, writing straight into the result. Integer types, where exact wrapping matters
 * more than speed, run {@link #direct}, a plain loop that also serves as the reference in tests.
 */
public final class ConvKernel implements CpuKernel {
    /** Bytes of unrolled columns per chunk: large enough for long products, small enough for the L2 cache. */
    private static final long COLUMN_BYTES = 1 << 20;

    @Override
    public Support supports(DType dtype) {
        return dtype == DType.BOOL ? Support.no("convolution is defined for numeric types, not bool") : Support.YES;
    }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView lhs = inputs.get(0), rhs = inputs.get(1);
        if (out.numel() == 0) return;
        ConvGeometry g = new ConvGeometry(attrs, lhs, rhs, out);
        if (lhs.dtype().isFloating()) unrolled(g, lhs, rhs, out, threads);
        else direct(g, lhs, rhs, out, threads);
    }

    private static void unrolled(ConvGeometry g, StridedView lhs, StridedView rhs, StridedView out, CpuThreads threads) {
        Lane lane = Lane.of(lhs.dtype());
        DType colType = lane.storage;
        long rowsK = g.groupIn * g.taps;
        Mat filters = filterMatrix(rhs, threads);
        long chunk = Math.max(1, Math.min(g.positions, COLUMN_BYTES / colType.byteSize() / Math.max(1, rowsK)));
        long chunks = (g.positions + chunk - 1) / chunk;
        long items = g.batch * g.groups * chunks;
        double cost = 2.0 * g.groupOut * rowsK * chunk / 20.0 + rowsK * chunk * 2;
        boolean perItem = items >= threads.threads() && threads.partsFor(items, cost) > 1;
        CpuThreads inner = perItem ? null : threads;
        CpuThreads.RangeBody body = (i0, i1) -> {
            MemorySegment cols = MemorySegment.ofArray(new byte[(int) Math.max(1, rowsK * chunk * colType.byteSize())]);
            for (long item = i0; item < i1; item++) {
                long n = item / (g.groups * chunks);
                long grp = item / chunks % g.groups;
                long p0 = item % chunks * chunk;
                int pc = (int) Math.min(chunk, g.positions - p0);
                im2col(g, lhs, n, grp, p0, pc, cols, colType);
                Mat w = new Mat(filters.seg(), filters.dtype(), filters.off() + grp * g.groupOut * filters.rowStride(), filters.rowStride(), filters.colStride());
                Mat x = new Mat(cols, colType, 0, pc, 1);
                long cOff = out.offset() + (n * g.outChannels + grp * g.groupOut) * g.positions + p0;
                Gemm.multiply((int) g.groupOut, pc, (int) rowsK, w, x, out.segment(), out.dtype(), cOff, g.positions, inner);
            }
        };
        if (perItem) threads.forRange(items, cost, body);
        else body.run(0, items);
    }

    /**
     * The filters as a matrix {@code [O, C/groups * taps]}: a view when the trailing
     * dimensions walk as one, else a contiguous copy.
     */
    private static Mat filterMatrix(StridedView rhs, CpuThreads threads) {
        int r = rhs.rank();
        long[] tailShape = java.util.Arrays.copyOfRange(rhs.shape(), 1, r);
        long[] tailStrides = java.util.Arrays.copyOfRange(rhs.strides(), 1, r);
        long cols = Dims.numel(tailShape);
        Dims.Coalesced c = Dims.coalesce(tailShape, tailStrides);
        if (c.rank() == 1) return new Mat(rhs.segment(), rhs.dtype(), rhs.offset(), rhs.stride(0), c.strides()[0][0]);
        long[] shape = rhs.shape();
        StridedView copy = StridedView.contiguous(MemorySegment.ofArray(new byte[(int) (Dims.numel(shape) * rhs.dtype().byteSize())]), rhs.dtype(), shape);
        StridedCopy.copy(rhs, copy, threads);
        return new Mat(copy.segment(), copy.dtype(), 0, cols, 1);
    }

    /**
     * Unrolls output positions {@code [p0, p0 + pc)} of image n, group grp:
     * {@code cols[(c * taps + tap) * pc + j]}. Along the last spatial dimension the valid
     * taps form one strided run of the input (without lhs dilation), loaded in one call.
     */
    private static void im2col(ConvGeometry g, StridedView lhs, long n, long grp, long p0, int pc, MemorySegment cols, DType colType) {
        int d = g.d, last = d - 1;
        Lane lane = Lane.of(colType);
        int es = colType.byteSize();
        long[] tap = new long[d], pos = new long[d];
        long lastIn = lhs.stride(last + 2);
        for (long c = 0; c < g.groupIn; c++) {
            long chanOff = lhs.offset() + n * lhs.stride(0) + (grp * g.groupIn + c) * lhs.stride(1);
            java.util.Arrays.fill(tap, 0);
            for (long tp = 0; tp < g.taps; tp++) {
                long rowByte = (c * g.taps + tp) * pc * es;
                Dims.unflatten(p0, g.out, pos);
                int j = 0;
                while (j < pc) {
                    int run = (int) Math.min(pc - j, g.out[last] - pos[last]);
                    long off = chanOff;
                    boolean inside = true;
                    for (int i = 0; i < last && inside; i++) {
                        long q = g.inputIndex(i, pos[i], tap[i]);
                        inside = q >= 0;
                        off += q * lhs.stride(i + 2);
                    }
                    long at = rowByte + (long) j * es;
                    if (!inside) {
                        cols.asSlice(at, (long) run * es).fill((byte) 0);
                    } else if (g.lhsDil[last] == 1) {
                        // Output o reads input o * stride - pad + tap * dilation: valid for o in [first, end).
                        long shift = tap[last] * g.rhsDil[last] - g.padLow[last];
                        long o0 = pos[last], o1 = o0 + run;
                        long first = Math.max(o0, ceilDiv(-shift, g.stride[last]));
                        long end = Math.min(o1, ceilDiv(g.in[last] - shift, g.stride[last]));
                        if (end <= first) {
                            cols.asSlice(at, (long) run * es).fill((byte) 0);
                        } else {
                            if (first > o0) cols.asSlice(at, (first - o0) * es).fill((byte) 0);
                            Convert.load(lhs.segment(), lhs.dtype(), off + (first * g.stride[last] + shift) * lastIn, g.stride[last] * lastIn,
                                    (int) (end - first), lane, cols, at + (first - o0) * es);
                            if (end < o1) cols.asSlice(at + (end - o0) * es, (o1 - end) * es).fill((byte) 0);
                        }
                    } else {
                        for (int k = 0; k < run; k++) {
                            long q = g.inputIndex(last, pos[last] + k, tap[last]);
                            double v = q < 0 ? 0 : Convert.getDouble(lhs.segment(), off + q * lastIn, lhs.dtype());
                            if (es == 4) cols.set(Convert.F32, at + 4L * k, (float) v);
                            else cols.set(Convert.F64, at + 8L * k, v);
                        }
                    }
                    j += run;
                    pos[last] += run - 1;
                    Dims.advance(pos, g.out);
                }
                Dims.advance(tap, g.kernel);
            }
        }
    }

    private static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }

    /**
     * The plain loop: each output element sums over its group's channels and the kernel taps
     * that land on real input elements; floats accumulate in double, integers in long.
     */
    static void direct(ConvGeometry g, StridedView lhs, StridedView rhs, StridedView out, CpuThreads threads) {
        boolean floating = lhs.dtype().isFloating();
        int d = g.d;
        long outN = out.numel();
        threads.forRange(outN, g.groupIn * g.taps + 10, (from, to) -> {
            long[] pos = new long[d], tap = new long[d];
            for (long o = from; o < to; o++) {
                long rest = o;
                for (int i = d - 1; i >= 0; i--) {
                    pos[i] = rest % g.out[i];
                    rest /= g.out[i];
                }
                long oc = rest % g.outChannels, n = rest / g.outChannels;
                long grp = oc / g.groupOut;
                double accD = 0;
                long accL = 0;
                for (long c = 0; c < g.groupIn; c++) {
                    long lOff = lhs.offset() + n * lhs.stride(0) + (grp * g.groupIn + c) * lhs.stride(1);
                    long rOff = rhs.offset() + oc * rhs.stride(0) + c * rhs.stride(1);
                    java.util.Arrays.fill(tap, 0);
                    for (long tp = 0; tp < g.taps; tp++) {
                        long li = lOff, ri = rOff;
                        boolean inside = true;
                        for (int i = 0; i < d && inside; i++) {
                            long q = g.inputIndex(i, pos[i], tap[i]);
                            inside = q >= 0;
                            li += q * lhs.stride(i + 2);
                            ri += tap[i] * rhs.stride(i + 2);
                        }
                        if (inside) {
                            if (floating) accD += Convert.getDouble(lhs.segment(), li, lhs.dtype()) * Convert.getDouble(rhs.segment(), ri, rhs.dtype());
                            else accL += Convert.getLong(lhs.segment(), li, lhs.dtype()) * Convert.getLong(rhs.segment(), ri, rhs.dtype());
                        }
                        Dims.advance(tap, g.kernel);
                    }
                }
                if (floating) Convert.setDouble(out.segment(), out.offset() + o, out.dtype(), accD);
                else Convert.setLong(out.segment(), out.offset() + o, out.dtype(), accL);
            }
        });
    }
}
