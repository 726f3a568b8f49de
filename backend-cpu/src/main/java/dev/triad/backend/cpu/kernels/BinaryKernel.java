package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;

/**
 * One binary elementwise primitive. Both inputs are broadcast to the result's shape with
 * stride-0 dimensions, so broadcasting costs no copy; runs are loaded into the inputs' lane
 * and the function's output is stored in the result's dtype (BOOL for comparisons).
 */
public final class BinaryKernel implements CpuKernel {
    private final BinaryFn fn;

    private BinaryKernel(BinaryFn fn) { this.fn = fn; }

    /** The kernel for the binary primitive called {@code name} (e.g. {@code add}). */
    public static BinaryKernel of(String name) {
        return new BinaryKernel(BinaryFn.valueOf(name.toUpperCase(Locale.ROOT)));
    }

    @Override
    public Support supports(DType dtype) {
        return fn.accepted.contains(dtype) ? Support.YES
                : Support.no(fn.name().toLowerCase(Locale.ROOT) + " is defined for " + fn.accepted.name().toLowerCase(Locale.ROOT) + " types only");
    }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        Lane lane = Lane.of(inputs.get(0).dtype());
        walk(inputs, out, lane, threads, fn.costNs, (a, ao, b, bo, y, yo, n) -> {
            switch (lane) {
                case F32 -> fn.f32(a, ao, b, bo, y, yo, n);
                case F64 -> fn.f64(a, ao, b, bo, y, yo, n);
                case I64 -> fn.i64(a, ao, b, bo, y, yo, n);
            }
        });
    }

    /** Computes one run of {@code n} elements: {@code a} and {@code b} in the lane, the result into {@code y}. */
    @FunctionalInterface
    interface RunBody {
        /** The run: inputs at byte offsets {@code ao}, {@code bo}, the result at {@code yo}. */
        void run(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n);
    }

    /**
     * Walks a binary elementwise op: both inputs broadcast to {@code out}'s shape, each run
     * loaded into {@code lane} (strided runs gathered into scratch), computed by {@code body},
     * and stored in the result's dtype.
     */
    static void walk(List<StridedView> inputs, StridedView out, Lane lane, CpuThreads threads, double costNs, RunBody body) {
        StridedView a = inputs.get(0), b = inputs.get(1);
        ElementwiseLoop.run(ElementwiseLoop.Operands.of(inputs, out), threads, costNs, lease -> {
            Operand x = new Operand(a.segment(), a.dtype(), lane, lease);
            Operand y = new Operand(b.segment(), b.dtype(), lane, lease);
            Operand res = new Operand(out.segment(), out.dtype(), lane, lease);
            return (off, step, n) -> {
                x.load(off[0], step[0], n);
                y.load(off[1], step[1], n);
                res.target(off[2], step[2]);
                body.run(x.seg, x.byteOffset, y.seg, y.byteOffset, res.seg, res.byteOffset, n);
                res.flush(off[2], step[2], n);
            };
        });
    }
}
