package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.util.List;

/** {@code where(cond, x, y)} and {@code cast}, plus the converting strided copy built on cast. */
public final class SelectCastKernels {
    private SelectCastKernels() {}

    /** where: any branch dtype; the three inputs broadcast to the result. */
    public static CpuKernel where() {
        return new CpuKernel() {
            // The dtype asked about is the condition's (always BOOL); branches of any dtype run.
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView c = inputs.get(0), a = inputs.get(1), b = inputs.get(2);
                Lane lane = Lane.of(a.dtype());
                ElementwiseLoop.Operands walk = ElementwiseLoop.Operands.of(inputs, out);
                long[] shape = walk.shape(), offsets = walk.offsets();
                long[][] strides = walk.strides();
                if (lane == Lane.F32 && c.dtype() == DType.BOOL) {
                    whereF32(c, a, b, out, shape, strides, offsets, threads);
                    return;
                }
                ElementwiseLoop.run(shape, strides, offsets, threads, 0.5, lease -> {
                    Operand cond = new Operand(c.segment(), c.dtype(), Lane.I64, lease);
                    Operand x = new Operand(a.segment(), a.dtype(), lane, lease);
                    Operand y = new Operand(b.segment(), b.dtype(), lane, lease);
                    Operand res = new Operand(out.segment(), out.dtype(), lane, lease);
                    return (off, step, n) -> {
                        cond.load(off[0], step[0], n);
                        x.load(off[1], step[1], n);
                        y.load(off[2], step[2], n);
                        res.target(off[3], step[3]);
                        select(cond.seg, cond.byteOffset, x, y, res, lane.bytes, n);
                        res.flush(off[3], step[3], n);
                    };
                });
            }
        };
    }

    /**
     * where on F32-lane branches with a BOOL condition, with vectors: the condition is read as
     * bytes (in place when contiguous) and turned into a lane mask that blends the branches.
     */
    private static void whereF32(StridedView c, StridedView a, StridedView b, StridedView out, long[] shape, long[][] strides, long[] offsets,
                                 CpuThreads threads) {
        ElementwiseLoop.run(shape, strides, offsets, threads, 0.3, lease -> {
            Operand x = new Operand(a.segment(), a.dtype(), Lane.F32, lease);
            Operand y = new Operand(b.segment(), b.dtype(), Lane.F32, lease);
            Operand res = new Operand(out.segment(), out.dtype(), Lane.F32, lease);
            MemorySegment gathered = lease.take();
            return (off, step, n) -> {
                MemorySegment cs;
                long co;
                if (step[0] == 1) {
                    cs = c.segment();
                    co = off[0];
                } else {
                    // Broadcast or strided condition: gather its bytes first.
                    cs = gathered;
                    co = 0;
                    for (int i = 0; i < n; i++) cs.set(Convert.U8, i, c.segment().get(Convert.U8, off[0] + i * step[0]));
                }
                x.load(off[1], step[1], n);
                y.load(off[2], step[2], n);
                res.target(off[3], step[3]);
                int i = 0;
                for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) {
                    // Bytes widen to floats (a lane conversion; mask casts between shapes are not always intrinsified).
                    FloatVector cf = (FloatVector) ByteVector.fromMemorySegment(Convert.BS, cs, co + i, VecLoops.LE)
                            .convertShape(VectorOperators.B2F, VecLoops.FS, 0);
                    VectorMask<Float> pick = cf.compare(VectorOperators.NE, 0f);
                    FloatVector p = VecLoops.lf(x.seg, x.byteOffset, i), q = VecLoops.lf(y.seg, y.byteOffset, i);
                    VecLoops.sf(q.blend(p, pick), res.seg, res.byteOffset, i);
                }
                for (; i < n; i++) {
                    Operand src = cs.get(Convert.U8, co + i) != 0 ? x : y;
                    res.seg.set(Convert.F32, res.byteOffset + 4L * i, src.seg.get(Convert.F32, src.byteOffset + 4L * i));
                }
                res.flush(off[3], step[3], n);
            };
        });
    }

    /** Picks lane values by their bits, so no value is converted on the way. */
    private static void select(MemorySegment c, long co, Operand x, Operand y, Operand res, int bytes, int n) {
        if (bytes == 4) {
            for (int i = 0; i < n; i++) {
                Operand src = c.get(Convert.I64, co + 8L * i) != 0 ? x : y;
                res.seg.set(Convert.I32, res.byteOffset + 4L * i, src.seg.get(Convert.I32, src.byteOffset + 4L * i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                Operand src = c.get(Convert.I64, co + 8L * i) != 0 ? x : y;
                res.seg.set(Convert.I64, res.byteOffset + 8L * i, src.seg.get(Convert.I64, src.byteOffset + 8L * i));
            }
        }
    }

    /** cast {dtype}: every pair of dtypes, with the conversions of {@link dev.triad.spi.types.Elements}. */
    public static CpuKernel cast() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                convertCopy(inputs.get(0), out, threads);
            }
        };
    }

    /**
     * Copies {@code src} into {@code dst} (equal shapes, any strides; {@code dst} must not
     * overlap itself), converting between dtypes as a cast does.
     */
    public static void convertCopy(StridedView src, StridedView dst, CpuThreads threads) {
        if (src.dtype() == dst.dtype()) {
            StridedCopy.copy(src, dst, threads);
            return;
        }
        // BOOL holds only 0 and 1, exact in every lane: converting it through the destination's
        // float lane (vector loads) instead of the integer lane (scalar loops) changes no value.
        Lane lane = src.dtype() == DType.BOOL && Lane.of(dst.dtype()) == Lane.F32 ? Lane.F32 : Lane.of(src.dtype());
        long[][] strides = {src.strides(), dst.strides()};
        long[] offsets = {src.offset(), dst.offset()};
        ElementwiseLoop.run(dst.shape(), strides, offsets, threads, 1, lease -> {
            Operand in = new Operand(src.segment(), src.dtype(), lane, lease);
            return (off, step, n) -> {
                // Always through the scratch: the destination has another dtype.
                MemorySegment scratch = in.scratch();
                Convert.load(src.segment(), src.dtype(), off[0], step[0], n, lane, scratch);
                Convert.store(scratch, lane, n, dst.segment(), dst.dtype(), off[1], step[1]);
            };
        });
    }
}
