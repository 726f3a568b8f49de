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
 * reduce_sum, reduce_prod, reduce_max and reduce_min over any set of axes. Floats accumulate
 * in double (BF16/F16/F32 results are rounded once, at the end), except that vectorized F32
 * sums first add short stretches in float lanes (at most {@link Runs#BLOCK} elements or 64
 * rows) which then join the double total; integers accumulate in long (wrapping like the
 * narrow type). max/min propagate NaN. An empty reduction gives the identity: 0 for sum, 1
 * for prod.
 *
 * <p>Two walks: when the innermost input dimension is reduced, each result element reduces
 * its own run (vectorized when the run is contiguous F32/F64); when it is kept and
 * contiguous (a column sum such as a bias gradient), whole rows of results accumulate
 * together, vectorized across the kept dimension.
 */
public final class ReduceKernel implements CpuKernel {
    /** The reductions. */
    public enum Kind {
        /** Sum. */ SUM(BinaryFn.ADD),
        /** Product. */ PROD(BinaryFn.MUL),
        /** Maximum. */ MAX(BinaryFn.MAX),
        /** Minimum. */ MIN(BinaryFn.MIN);

        final BinaryFn combine;

        Kind(BinaryFn combine) { this.combine = combine; }
    }

    private final Kind kind;

    /** The kernel for one reduction. */
    public ReduceKernel(Kind kind) { this.kind = kind; }

    @Override
    public Support supports(DType dtype) {
        return DTypeSet.NUMERIC.contains(dtype) ? Support.YES : Support.no("reductions are defined for numeric types, not bool");
    }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0);
        int[] axes = attrs.get(Keys.AXES);
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        for (int a : axes) reduced[a] = true;
        long[] keptShape = Dims.without(x.shape(), axes);
        long[] keptIn = Dims.without(x.strides(), axes);
        long[] reducedShape = Dims.pick(x.shape(), axes);
        long[] reducedIn = Dims.pick(x.strides(), axes);
        long outN = Dims.numel(keptShape), redN = Dims.numel(reducedShape);
        if (outN == 0) return;
        if (redN == 0) {
            StridedCopy.fill(out, kind == Kind.PROD ? 1 : 0, threads);
            return;
        }
        Dims.Coalesced kept = Dims.coalesce(keptShape, keptIn);
        Dims.Coalesced red = Dims.coalesce(reducedShape, reducedIn);
        int last = r - 1;
        while (last > 0 && x.dim(last) == 1) last--;
        boolean innerKept = r > 0 && !reduced[last] && x.stride(last) == 1 && kept.strides()[0][kept.rank() - 1] == 1;
        if (innerKept) columns(x, out, kept, red, threads);
        else runs(x, out, kept, red, redN, threads);
    }

    // ---- walk 1: each result element reduces its own run ------------------------------------

    private void runs(StridedView x, StridedView out, Dims.Coalesced kept, Dims.Coalesced red, long redN, CpuThreads threads) {
        boolean floating = x.dtype().isFloating();
        long outN = Dims.numel(kept.shape());
        threads.forRange(outN, redN * 0.5 + 5, (from, to) -> {
            long[] idx = new long[kept.rank()];
            long inOff = x.offset() + Dims.start(from, kept.shape(), kept.strides()[0], idx);
            for (long o = from; o < to; o++) {
                if (floating) Convert.setDouble(out.segment(), out.offset() + o, out.dtype(), reduceDouble(x.segment(), x.dtype(), inOff, red));
                else Convert.setLong(out.segment(), out.offset() + o, out.dtype(), reduceLong(x.segment(), x.dtype(), inOff, red));
                inOff += Dims.step(idx, kept.shape(), kept.strides()[0]);
            }
        });
    }

    private double reduceDouble(MemorySegment s, DType t, long base, Dims.Coalesced red) {
        long[] shape = red.shape(), strides = red.strides()[0];
        int q = shape.length;
        long len = shape[q - 1], stride = strides[q - 1];
        double acc = switch (kind) {
            case SUM -> 0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        if (q == 1) return combine(acc, runDouble(s, t, base, stride, len));
        // Odometer over the outer reduced dimensions; the innermost is one run.
        long[] idx = new long[q - 1];
        long off = base;
        while (true) {
            acc = combine(acc, runDouble(s, t, off, stride, len));
            int d = q - 2;
            while (d >= 0) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) break;
                off -= shape[d] * strides[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) return acc;
        }
    }

    private double combine(double acc, double v) {
        return switch (kind) {
            case SUM -> acc + v;
            case PROD -> acc * v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
        };
    }

    /** Reduces one run of {@code n} elements; contiguous F32/F64 runs use vectors. */
    private double runDouble(MemorySegment s, DType t, long off, long stride, long n) {
        if (stride == 1 && t == DType.F32 && kind != Kind.PROD) return runF32(s, off, n);
        if (stride == 1 && t == DType.F64 && kind != Kind.PROD) return runF64(s, off, n);
        double acc = Convert.getDouble(s, off, t);
        for (long i = 1; i < n; i++) acc = combine(acc, Convert.getDouble(s, off + i * stride, t));
        return acc;
    }

    /** Vector F32 run. */
    private double runF32(MemorySegment s, long off, long n) {
        return switch (kind) {
            case SUM -> Runs.sumF32(s, 4 * off, n);
            case MAX -> Runs.maxF32(s, 4 * off, n);
            default -> Runs.minF32(s, 4 * off, n);
        };
    }

    /** Vector F64 run. */
    private double runF64(MemorySegment s, long off, long n) {
        return switch (kind) {
            case SUM -> Runs.sumF64(s, 8 * off, n);
            case MAX -> Runs.maxF64(s, 8 * off, n);
            default -> Runs.minF64(s, 8 * off, n);
        };
    }

    private long reduceLong(MemorySegment s, DType t, long base, Dims.Coalesced red) {
        long[] shape = red.shape(), strides = red.strides()[0];
        long total = Dims.numel(shape);
        long[] idx = new long[shape.length];
        long off = base;
        long acc = Convert.getLong(s, off, t);
        for (long i = 1; i < total; i++) {
            off += Dims.step(idx, shape, strides);
            long v = Convert.getLong(s, off, t);
            acc = switch (kind) {
                case SUM -> acc + v;
                case PROD -> acc * v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }
        return acc;
    }

    // ---- walk 2: rows of results accumulate together ---------------------------------------

    /**
     * The innermost kept dimension is contiguous: for each outer result index and chunk of
     * that dimension, accumulate the chunk over every reduced position, in F64 for floats.
     */
    private void columns(StridedView x, StridedView out, Dims.Coalesced kept, Dims.Coalesced red, CpuThreads threads) {
        int kr = kept.rank();
        long width = kept.shape()[kr - 1];
        long[] outerShape = java.util.Arrays.copyOf(kept.shape(), kr - 1);
        long[] outerStrides = java.util.Arrays.copyOf(kept.strides()[0], kr - 1);
        long chunks = (width + ElementwiseLoop.CHUNK - 1) / ElementwiseLoop.CHUNK;
        long items = Dims.numel(outerShape) * chunks;
        long redN = Dims.numel(red.shape());
        Lane lane = x.dtype().isFloating() ? Lane.F64 : Lane.I64;
        threads.forRange(items, redN * Math.min(width, ElementwiseLoop.CHUNK) * 0.5, (from, to) -> {
            try (Scratch.Lease lease = Scratch.lease()) {
                MemorySegment acc = lease.take(), run = lease.take();
                long[] ridx = new long[red.rank()];
                for (long item = from; item < to; item++) {
                    long outer = item / chunks;
                    long c0 = (item % chunks) * ElementwiseLoop.CHUNK;
                    int n = (int) Math.min(ElementwiseLoop.CHUNK, width - c0);
                    long base = x.offset() + Dims.offsetOf(outer, outerShape, outerStrides) + c0;
                    long outAt = out.offset() + outer * width + c0;
                    java.util.Arrays.fill(ridx, 0);
                    if (x.dtype() == DType.F32 && kind != Kind.PROD) {
                        columnF32(x, base, red, redN, n, ridx, acc, run, out, outAt);
                    } else {
                        column(x, base, red, redN, n, ridx, lane, acc, run);
                        Convert.store(acc, lane, n, out.segment(), out.dtype(), outAt, 1);
                    }
                }
            }
        });
    }

    /** One chunk of a column reduction in the F64 or I64 lane, left in {@code acc}. */
    private void column(StridedView x, long base, Dims.Coalesced red, long redN, int n, long[] ridx, Lane lane, MemorySegment acc, MemorySegment run) {
        long off = base;
        Convert.load(x.segment(), x.dtype(), off, 1, n, lane, acc);
        for (long i = 1; i < redN; i++) {
            off += Dims.step(ridx, red.shape(), red.strides()[0]);
            accumulate(x, off, n, lane, acc, run);
        }
    }

    /** Rows of floats summed in float lanes before being added in double, bounding the error as {@link Runs#BLOCK} does for runs. */
    private static final int ROWS_PER_BLOCK = 64;

    /**
     * One chunk of a column reduction of F32: rows combine in float lanes with the binary
     * kernels' loops (max and min are exact in float; sums are flushed into double every
     * {@link #ROWS_PER_BLOCK} rows), then the chunk is stored.
     */
    private void columnF32(StridedView x, long base, Dims.Coalesced red, long redN, int n, long[] ridx, MemorySegment acc,
                           MemorySegment block, StridedView out, long outAt) {
        MemorySegment s = x.segment();
        long off = base;
        MemorySegment.copy(s, 4 * off, block, 0, 4L * n);
        if (kind == Kind.SUM) acc.asSlice(0, 8L * n).fill((byte) 0);
        int rows = 1;
        for (long i = 1; i < redN; i++) {
            off += Dims.step(ridx, red.shape(), red.strides()[0]);
            if (kind == Kind.SUM && rows == ROWS_PER_BLOCK) {
                for (int j = 0; j < n; j++) acc.set(Convert.F64, 8L * j, acc.get(Convert.F64, 8L * j) + block.get(Convert.F32, 4L * j));
                MemorySegment.copy(s, 4 * off, block, 0, 4L * n);
                rows = 1;
                continue;
            }
            kind.combine.f32(block, 0, s, 4 * off, block, 0, n);
            rows++;
        }
        if (kind == Kind.SUM) {
            for (int j = 0; j < n; j++) acc.set(Convert.F64, 8L * j, acc.get(Convert.F64, 8L * j) + block.get(Convert.F32, 4L * j));
            Convert.store(acc, Lane.F64, n, out.segment(), out.dtype(), outAt, 1);
        } else {
            Convert.store(block, Lane.F32, n, out.segment(), out.dtype(), outAt, 1);
        }
    }

    /** Combines the run of {@code n} elements at element {@code off} of {@code x} into the F64 or I64 lane values of {@code acc}. */
    private void accumulate(StridedView x, long off, int n, Lane lane, MemorySegment acc, MemorySegment run) {
        if (x.dtype() == DType.F64) {
            kind.combine.f64(acc, 0, x.segment(), 8 * off, acc, 0, n);
        } else {
            Convert.load(x.segment(), x.dtype(), off, 1, n, lane, run);
            if (lane == Lane.F64) kind.combine.f64(acc, 0, run, 0, acc, 0, n);
            else kind.combine.i64(acc, 0, run, 0, acc, 0, n);
        }
    }
}
