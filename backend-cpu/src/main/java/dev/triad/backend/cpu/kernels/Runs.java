package dev.triad.backend.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.triad.backend.cpu.kernels.VecLoops.DL;
import static dev.triad.backend.cpu.kernels.VecLoops.DS;
import static dev.triad.backend.cpu.kernels.VecLoops.FL;
import static dev.triad.backend.cpu.kernels.VecLoops.FS;
import static dev.triad.backend.cpu.kernels.VecLoops.ld;
import static dev.triad.backend.cpu.kernels.VecLoops.lf;

/**
 * Vector reductions of one contiguous F32 or F64 run to a double, for {@link ReduceKernel}.
 * Max and min propagate NaN: the vector MAX/MIN lanes do, and lanes are combined with
 * {@link Math#max}/{@link Math#min}. Sums of floats stay in float lanes only for a block of
 * {@link #BLOCK} elements before being added in double.
 */
final class Runs {
    private Runs() {}

    /** Floats summed in float lanes per block of this many, each block added in double: about one float rounding of error. */
    static final int BLOCK = 512;

    // One loop per op, each with its op in the loop body (see VecLoops for why). Masked-off
    // lanes load 0, harmless to a sum; max and min use masked lanewise ops instead.

    static double sumF32(MemorySegment s, long at, long n) {
        double acc = 0;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 4 * blk;
            FloatVector v = FloatVector.zero(FS);
            for (int i = 0; i < len; i += FL) v = v.add(lf(s, base, i, FS.indexInRange(i, len)));
            acc += VecLoops.sumLanes(v);
        }
        return acc;
    }

    static double maxF32(MemorySegment s, long at, long n) {
        double acc = Double.NEGATIVE_INFINITY;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 4 * blk;
            FloatVector v = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < len; i += FL) {
                VectorMask<Float> m = FS.indexInRange(i, len);
                v = v.lanewise(VectorOperators.MAX, lf(s, base, i, m), m);
            }
            for (float f : v.toArray()) acc = Math.max(acc, f);
        }
        return acc;
    }

    static double minF32(MemorySegment s, long at, long n) {
        double acc = Double.POSITIVE_INFINITY;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 4 * blk;
            FloatVector v = FloatVector.broadcast(FS, Float.POSITIVE_INFINITY);
            for (int i = 0; i < len; i += FL) {
                VectorMask<Float> m = FS.indexInRange(i, len);
                v = v.lanewise(VectorOperators.MIN, lf(s, base, i, m), m);
            }
            for (float f : v.toArray()) acc = Math.min(acc, f);
        }
        return acc;
    }

    static double sumF64(MemorySegment s, long at, long n) {
        double acc = 0;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 8 * blk;
            DoubleVector v = DoubleVector.zero(DS);
            for (int i = 0; i < len; i += DL) v = v.add(ld(s, base, i, DS.indexInRange(i, len)));
            acc += VecLoops.sumLanes(v);
        }
        return acc;
    }

    static double maxF64(MemorySegment s, long at, long n) {
        double acc = Double.NEGATIVE_INFINITY;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 8 * blk;
            DoubleVector v = DoubleVector.broadcast(DS, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < len; i += DL) {
                VectorMask<Double> m = DS.indexInRange(i, len);
                v = v.lanewise(VectorOperators.MAX, ld(s, base, i, m), m);
            }
            for (double f : v.toArray()) acc = Math.max(acc, f);
        }
        return acc;
    }

    static double minF64(MemorySegment s, long at, long n) {
        double acc = Double.POSITIVE_INFINITY;
        for (long blk = 0; blk < n; blk += BLOCK) {
            int len = (int) Math.min(BLOCK, n - blk);
            long base = at + 8 * blk;
            DoubleVector v = DoubleVector.broadcast(DS, Double.POSITIVE_INFINITY);
            for (int i = 0; i < len; i += DL) {
                VectorMask<Double> m = DS.indexInRange(i, len);
                v = v.lanewise(VectorOperators.MIN, ld(s, base, i, m), m);
            }
            for (double f : v.toArray()) acc = Math.min(acc, f);
        }
        return acc;
    }
}
