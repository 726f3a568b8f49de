package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * gather and scatter_add along one axis (take-along-axis and its transpose). Every index is
 * checked before anything is written, so a bad index leaves no half-written result; the
 * error names the op, the index value, where it was, the axis and its size.
 */
public final class IndexingKernels {
    private IndexingKernels() {}

    /** gather {axis}(operand, indices): {@code out[..i..] = operand[.. indices[..i..] ..]} with the index at axis. */
    public static CpuKernel gather() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView operand = inputs.get(0), indices = inputs.get(1);
                int axis = attrs.get(Keys.AXIS);
                checkIndices("gather", operand, indices, axis);
                long axisStride = operand.stride(axis);
                long[] opStrides = operand.strides().clone();
                // The axis coordinate comes from the index, so the walk itself does not move along it.
                opStrides[axis] = 0;
                int es = operand.dtype().byteSize();
                MemorySegment src = operand.segment(), idx = indices.segment(), dst = out.segment();
                DType it = indices.dtype();
                long[][] strides = {indices.strides(), opStrides, out.strides()};
                long[] offsets = {indices.offset(), operand.offset(), out.offset()};
                ElementwiseLoop.run(out.shape(), strides, offsets, threads, 2, lease -> (off, step, n) -> {
                    for (int i = 0; i < n; i++) {
                        long k = Convert.getLong(idx, off[0] + i * step[0], it);
                        StridedCopy.copyRun(src, off[1] + i * step[1] + k * axisStride, 1, dst, off[2] + i * step[2], 1, 1, es);
                    }
                });
            }
        };
    }

    /** scatter_add {axis}(operand, indices, updates): a copy of operand with each update added where gather would have read it. */
    public static CpuKernel scatterAdd() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView operand = inputs.get(0), indices = inputs.get(1), updates = inputs.get(2);
                int axis = attrs.get(Keys.AXIS);
                checkIndices("scatter_add", operand, indices, axis);
                StridedCopy.copy(operand, out, threads);
                // Updates collide only along the axis, so fibers (all other coordinates) are
                // independent: split over them and add each fiber in order, deterministically.
                long[] fiberShape = indices.shape().clone();
                long len = fiberShape[axis];
                fiberShape[axis] = 1;
                long fibers = Dims.numel(fiberShape);
                if (fibers == 0 || len == 0) return;
                long[] outStrides = out.strides();
                DType t = out.dtype(), it = indices.dtype();
                boolean floating = t.isFloating();
                threads.forRange(fibers, len * 4, (from, to) -> {
                    for (long f = from; f < to; f++) {
                        long iOff = indices.offset() + Dims.offsetOf(f, fiberShape, indices.strides());
                        long uOff = updates.offset() + Dims.offsetOf(f, fiberShape, updates.strides());
                        long oBase = out.offset() + Dims.offsetOf(f, fiberShape, outStrides);
                        for (long j = 0; j < len; j++) {
                            long k = Convert.getLong(indices.segment(), iOff + j * indices.stride(axis), it);
                            long o = oBase + k * outStrides[axis];
                            long u = uOff + j * updates.stride(axis);
                            if (floating) {
                                double sum = Convert.getDouble(out.segment(), o, t) + Convert.getDouble(updates.segment(), u, updates.dtype());
                                Convert.setDouble(out.segment(), o, t, sum);
                            } else {
                                long sum = Convert.getLong(out.segment(), o, t) + Convert.getLong(updates.segment(), u, updates.dtype());
                                Convert.setLong(out.segment(), o, t, sum);
                            }
                        }
                    }
                });
            }
        };
    }

    /** Throws for the first index (in row-major order) outside {@code [0, operand.dim(axis))}. */
    static void checkIndices(String op, StridedView operand, StridedView indices, int axis) {
        long size = operand.dim(axis);
        long n = indices.numel();
        if (n == 0) return;
        long[] idx = new long[indices.rank()];
        long off = indices.offset();
        DType it = indices.dtype();
        MemorySegment s = indices.segment();
        for (long i = 0; i < n; i++) {
            long k = Convert.getLong(s, off, it);
            if (k < 0 || k >= size) {
                throw new IndexOutOfRangeException(op, "index " + k + " at position " + Arrays.toString(idx) + " of the indices "
                        + it + Arrays.toString(indices.shape()) + " is out of range for axis " + axis + " of size " + size
                        + " of the operand " + operand.dtype() + Arrays.toString(operand.shape()) + "; expected 0 <= index < " + size);
            }
            if (i + 1 < n) off += Dims.step(idx, indices.shape(), indices.strides());
        }
    }
}
