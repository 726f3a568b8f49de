package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.DTypeSet;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/** Values made from attributes (full, iota) and counter-based random bits. */
public final class CreationKernels {
    private CreationKernels() {}

    /** full {shape, dtype, value}: the value converted to the dtype as a cast converts it. */
    public static CpuKernel full() {
        return new CpuKernel() {
            @Override public Support supports(DType dtype) { return Support.YES; }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedCopy.fill(out, attrs.get(Keys.VALUE), threads);
            }
        };
    }

    /** iota {shape, dtype, axis}: each element is its index along the axis. */
    public static CpuKernel iota() {
        return new CpuKernel() {
            @Override
            public Support supports(DType dtype) {
                return DTypeSet.NUMERIC.contains(dtype) ? Support.YES : Support.no("iota makes numeric types, not bool");
            }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                int axis = attrs.get(Keys.AXIS);
                long len = out.dim(axis);
                long inner = 1;
                for (int i = axis + 1; i < out.rank(); i++) inner *= out.dim(i);
                long span = inner;
                DType t = out.dtype();
                threads.forRange(out.numel(), 1, (from, to) -> {
                    for (long i = from; i < to; i++) Convert.setLong(out.segment(), out.offset() + i, t, i / span % len);
                });
            }
        };
    }

    /** random_bits {shape}(key i32[2]): the raw 32-bit words of {@link Threefry}, split over threads by counter pair. */
    public static CpuKernel randomBits() {
        return new CpuKernel() {
            @Override
            public Support supports(DType dtype) {
                return dtype == DType.I32 ? Support.YES : Support.no("the key must be i32[2]");
            }

            @Override
            public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
                StridedView key = inputs.get(0);
                int k0 = key.segment().get(Convert.I32, 4 * key.offset());
                int k1 = key.segment().get(Convert.I32, 4 * (key.offset() + key.stride(0)));
                long n = out.numel();
                MemorySegment seg = out.segment();
                long base = out.offset();
                threads.forRange(Threefry.pairCount(n), 4, (p0, p1) ->
                        Threefry.randomBits(k0, k1, n, p0, p1, (i, bits) -> seg.set(Convert.I32, 4 * (base + i), bits)));
            }
        };
    }
}
