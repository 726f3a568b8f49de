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
 * The window ops {window, strides, pad_low, pad_high} (one entry per operand dimension):
 * reduce_window_max and reduce_window_sum, and the pair that differentiates max pooling,
 * select_and_scatter_add and select_and_gather. Padding never takes part: it adds 0 to a
 * sum, is -inf (the type's minimum for integers) to a max, and is never selected. The
 * selected element of a window is its first maximum in row-major window order, a NaN
 * counting as the maximum (the first NaN wins), as argmax decides.
 *
 * <p>Each kernel walks the result one row (the last dimension) at a time: the window's
 * positions in the other dimensions are listed once per row, and the last dimension's taps
 * are clipped to the operand arithmetically, so no per-element bookkeeping remains.
 */
public final class WindowKernels {
    private WindowKernels() {}

    /** The windows of one op: window {@code o} covers operand coordinates {@code o * stride - pad_low + [0, window)}. */
    static final class Geometry {
        final long[] operand, window, stride, low, out;
        final int last;
        /** Results per row (the last dimension) and rows. */
        final long rowLength, rows;

        Geometry(Attrs attrs, long[] operandShape, long[] outShape) {
            operand = operandShape;
            window = Dims.toLongs(attrs.get(Keys.WINDOW));
            stride = Dims.toLongs(attrs.get(Keys.STRIDES));
            low = Dims.toLongs(attrs.get(Keys.PAD_LOW));
            out = outShape;
            last = operandShape.length - 1;
            rowLength = last < 0 ? 1 : out[last];
            rows = Dims.numel(out) / Math.max(1, rowLength);
        }

        /** Window taps per row start (all dimensions but the last). */
        int rowTaps() {
            long n = 1;
            for (int i = 0; i < last; i++) n *= window[i];
            return (int) n;
        }

        /** First operand coordinate of the window at {@code o} along the last dimension. */
        long start(long o) { return o * stride[last] - low[last]; }

        /**
         * Lists, for result row {@code row}, the offsets under {@code stridesA} and
         * {@code stridesB} of every in-bounds window position in the dimensions before the
         * last, in row-major window order (coordinate 0 along the last); returns the count.
         */
        int rowStarts(long row, long[] stridesA, long[] stridesB, Walk w) {
            long rest = row;
            for (int i = last - 1; i >= 0; i--) {
                w.o[i] = rest % out[i];
                rest /= out[i];
            }
            long baseA = 0, baseB = 0;
            for (int i = 0; i < last; i++) {
                long s = w.o[i] * stride[i] - low[i];
                w.lo[i] = Math.max(0, -s);
                w.hi[i] = Math.min(window[i], operand[i] - s);
                if (w.lo[i] >= w.hi[i]) return 0;
                baseA += (s + w.lo[i]) * stridesA[i];
                baseB += (s + w.lo[i]) * stridesB[i];
                w.idx[i] = 0;
            }
            int count = 0;
            long a = baseA, b = baseB;
            while (true) {
                w.a[count] = a;
                w.b[count] = b;
                count++;
                int d = last - 1;
                for (; d >= 0; d--) {
                    w.idx[d]++;
                    a += stridesA[d];
                    b += stridesB[d];
                    if (w.idx[d] < w.hi[d] - w.lo[d]) break;
                    a -= (w.hi[d] - w.lo[d]) * stridesA[d];
                    b -= (w.hi[d] - w.lo[d]) * stridesB[d];
                    w.idx[d] = 0;
                }
                if (d < 0) return count;
            }
        }
    }

    /** Per-thread buffers of a walk. */
    static final class Walk {
        final long[] a, b, lo, hi, idx, o;

        Walk(Geometry g) {
            int taps = g.rowTaps(), r = Math.max(1, g.operand.length);
            a = new long[taps];
            b = new long[taps];
            lo = new long[r];
            hi = new long[r];
            idx = new long[r];
            o = new long[r];
        }
    }

    private static Support numeric(DType dtype) {
        return DTypeSet.NUMERIC.contains(dtype) ? Support.YES : Support.no("window ops are defined for numeric types, not bool");
    }

    /** reduce_window_max ({@code max}) or reduce_window_sum. */
    public static CpuKernel reduceWindow(boolean max) {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return numeric(dtype); }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView x = inputs.get(0);
                if (out.numel() == 0) return;
                Geometry g = new Geometry(attrs, x.shape(), out.shape());
                boolean floating = x.dtype().isFloating();
                long lastStride = g.last < 0 ? 0 : x.stride(g.last);
                long[] none = new long[x.rank()];
                threads.forRange(g.rows, g.rowLength * (Dims.numel(g.window) + 4), (r0, r1) -> {
                    Walk w = new Walk(g);
                    for (long row = r0; row < r1; row++) {
                        int starts = g.rowStarts(row, x.strides(), none, w);
                        long dst = out.offset() + row * g.rowLength;
                        for (long o = 0; o < g.rowLength; o++) {
                            long s = g.last < 0 ? 0 : g.start(o);
                            long t0 = g.last < 0 ? 0 : Math.max(0, -s), t1 = g.last < 0 ? 1 : Math.min(g.window[g.last], g.operand[g.last] - s);
                            long base = x.offset() + s * lastStride;
                            if (floating) {
                                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                                for (int k = 0; k < starts; k++) {
                                    for (long t = t0; t < t1; t++) {
                                        double v = Convert.getDouble(x.segment(), base + w.a[k] + t * lastStride, x.dtype());
                                        acc = max ? Math.max(acc, v) : acc + v;
                                    }
                                }
                                Convert.setDouble(out.segment(), dst + o, out.dtype(), acc);
                            } else {
                                long acc = max ? minValue(x.dtype()) : 0;
                                for (int k = 0; k < starts; k++) {
                                    for (long t = t0; t < t1; t++) {
                                        long v = Convert.getLong(x.segment(), base + w.a[k] + t * lastStride, x.dtype());
                                        acc = max ? Math.max(acc, v) : acc + v;
                                    }
                                }
                                Convert.setLong(out.segment(), dst + o, out.dtype(), acc);
                            }
                        }
                    }
                });
            }
        };
    }

    /** The smallest value of an integer type: the padding of an integer max. */
    static long minValue(DType t) {
        return switch (t) {
            case I32 -> Integer.MIN_VALUE;
            case I64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** What {@link #select} returns for a window of padding only (offsets may be negative, so -1 cannot be it). */
    private static final long NONE = Long.MIN_VALUE;

    /**
     * The selected position of the window at {@code o} in a row: its offset under the
     * walk's B strides (plus {@code t * lastB}), or {@link #NONE} when the window holds no operand element.
     */
    private static long select(Geometry g, StridedView x, Walk w, int starts, long o, long lastB) {
        if (starts == 0) return NONE;
        long s = g.last < 0 ? 0 : g.start(o);
        long t0 = g.last < 0 ? 0 : Math.max(0, -s), t1 = g.last < 0 ? 1 : Math.min(g.window[g.last], g.operand[g.last] - s);
        if (t0 >= t1) return NONE;
        long lastA = g.last < 0 ? 0 : x.stride(g.last);
        long base = x.offset() + s * lastA;
        long best = NONE;
        if (x.dtype().isFloating()) {
            double bv = 0;
            for (int k = 0; k < starts; k++) {
                for (long t = t0; t < t1; t++) {
                    double v = Convert.getDouble(x.segment(), base + w.a[k] + t * lastA, x.dtype());
                    if (best == NONE || v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                        bv = v;
                        best = w.b[k] + (s + t) * lastB;
                    }
                }
            }
        } else {
            long bv = 0;
            for (int k = 0; k < starts; k++) {
                for (long t = t0; t < t1; t++) {
                    long v = Convert.getLong(x.segment(), base + w.a[k] + t * lastA, x.dtype());
                    if (best == NONE || v > bv) {
                        bv = v;
                        best = w.b[k] + (s + t) * lastB;
                    }
                }
            }
        }
        return best;
    }

    /**
     * select_and_scatter_add(source, operand): zeros of the operand's shape, plus each source
     * element at its window's selected position. Overlapping windows add into the same
     * element, so only leading dimensions that windows never cross (window 1, stride 1, no
     * padding: batch and channels, typically) are split across threads; each part adds in
     * row-major window order, so results do not depend on the thread count.
     */
    public static CpuKernel selectAndScatterAdd() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return numeric(dtype); }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView source = inputs.get(0), operand = inputs.get(1);
                Geometry g = new Geometry(attrs, operand.shape(), source.shape());
                StridedCopy.fill(out, 0, threads);
                if (Dims.numel(g.out) == 0) return;
                long[] hiPad = Dims.toLongs(attrs.get(Keys.PAD_HIGH));
                int lead = 0;
                while (lead < g.last && g.window[lead] == 1 && g.stride[lead] == 1 && g.low[lead] == 0 && hiPad[lead] == 0) lead++;
                long slabs = Dims.numel(java.util.Arrays.copyOf(g.out, lead));
                long rowsPerSlab = g.rows / Math.max(1, slabs);
                long lastB = g.last < 0 ? 0 : out.stride(g.last);
                boolean floating = out.dtype().isFloating();
                threads.forRange(Math.max(1, slabs), rowsPerSlab * g.rowLength * (Dims.numel(g.window) + 4), (s0, s1) -> {
                    Walk w = new Walk(g);
                    for (long row = s0 * rowsPerSlab; row < s1 * rowsPerSlab; row++) {
                        int starts = g.rowStarts(row, operand.strides(), out.strides(), w);
                        for (long o = 0; o < g.rowLength; o++) {
                            long at = select(g, operand, w, starts, o, lastB);
                            if (at == NONE) continue;
                            long src = source.offset() + Dims.offsetOf(row * g.rowLength + o, g.out, source.strides());
                            long dst = out.offset() + at;
                            if (floating) {
                                double v = Convert.getDouble(out.segment(), dst, out.dtype()) + Convert.getDouble(source.segment(), src, source.dtype());
                                Convert.setDouble(out.segment(), dst, out.dtype(), v);
                            } else {
                                long v = Convert.getLong(out.segment(), dst, out.dtype()) + Convert.getLong(source.segment(), src, source.dtype());
                                Convert.setLong(out.segment(), dst, out.dtype(), v);
                            }
                        }
                    }
                });
            }
        };
    }

    /** select_and_gather(tangent, operand): each window's tangent value at its selected position (0 for a window of padding only). */
    public static CpuKernel selectAndGather() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return numeric(dtype); }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView tangent = inputs.get(0), operand = inputs.get(1);
                if (out.numel() == 0) return;
                Geometry g = new Geometry(attrs, operand.shape(), out.shape());
                int es = out.dtype().byteSize();
                long lastB = g.last < 0 ? 0 : tangent.stride(g.last);
                threads.forRange(g.rows, g.rowLength * (Dims.numel(g.window) + 4), (r0, r1) -> {
                    Walk w = new Walk(g);
                    MemorySegment seg = out.segment();
                    for (long row = r0; row < r1; row++) {
                        int starts = g.rowStarts(row, operand.strides(), tangent.strides(), w);
                        long dst = out.offset() + row * g.rowLength;
                        for (long o = 0; o < g.rowLength; o++) {
                            long at = select(g, operand, w, starts, o, lastB);
                            if (at == NONE) Convert.setDouble(seg, dst + o, out.dtype(), 0);
                            else StridedCopy.copyRun(tangent.segment(), tangent.offset() + at, 1, seg, dst + o, 1, 1, es);
                        }
                    }
                });
            }
        };
    }
}
