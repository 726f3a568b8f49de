package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CompositeKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.triad.backend.cpu.kernels.VecLoops.DL;
import static dev.triad.backend.cpu.kernels.VecLoops.DS;
import static dev.triad.backend.cpu.kernels.VecLoops.FL;
import static dev.triad.backend.cpu.kernels.VecLoops.FS;
import static dev.triad.backend.cpu.kernels.VecLoops.ld;
import static dev.triad.backend.cpu.kernels.VecLoops.lf;
import static dev.triad.backend.cpu.kernels.VecLoops.sd;
import static dev.triad.backend.cpu.kernels.VecLoops.sf;

/**
 * The fused kernel of the {@code scaled_add} composite, {@code a + alpha * b} in one pass (the
 * decomposition makes two and a temporary). The product is rounded to the lane type before the
 * sum, exactly as the decomposition rounds in F32 and F64 (no fused multiply-add). Written
 * into a parameter's own storage ({@code Backend.executeInto}) it is an optimizer step that
 * reads the parameter and the gradient once and writes the parameter once.
 */
public final class ScaledAddKernel implements CompositeKernel {
    /**
     * Runs for F32 and F64 results; BF16 and F16 decline to the decomposition, which rounds the
     * product to the narrow type before the sum (this kernel's F32 lane would not).
     */
    @Override
    public boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        if (out.dtype() != DType.F32 && out.dtype() != DType.F64) return false;
        double alpha = attrs.get(Keys.ALPHA);
        Lane lane = Lane.of(out.dtype());
        BinaryKernel.walk(inputs, out, lane, threads, 0.4, (a, ao, b, bo, y, yo, n) -> {
            if (lane == Lane.F64) f64(a, ao, b, bo, alpha, y, yo, n);
            else f32(a, ao, b, bo, (float) alpha, y, yo, n);
        });
        return true;
    }

    private static void f32(MemorySegment a, long ao, MemorySegment b, long bo, float alpha, MemorySegment y, long yo, int n) {
        int i = 0;
        for (int bound = FS.loopBound(n); i < bound; i += FL) sf(lf(a, ao, i).add(lf(b, bo, i).mul(alpha)), y, yo, i);
        if (i < n) {
            VectorMask<Float> m = FS.indexInRange(i, n);
            sf(lf(a, ao, i, m).add(lf(b, bo, i, m).mul(alpha)), y, yo, i, m);
        }
    }

    private static void f64(MemorySegment a, long ao, MemorySegment b, long bo, double alpha, MemorySegment y, long yo, int n) {
        int i = 0;
        for (int bound = DS.loopBound(n); i < bound; i += DL) sd(ld(a, ao, i).add(ld(b, bo, i).mul(alpha)), y, yo, i);
        if (i < n) {
            VectorMask<Double> m = DS.indexInRange(i, n);
            sd(ld(a, ao, i, m).add(ld(b, bo, i, m).mul(alpha)), y, yo, i, m);
        }
    }
}
