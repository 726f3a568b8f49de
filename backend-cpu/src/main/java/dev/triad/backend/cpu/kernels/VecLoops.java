package dev.triad.backend.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Helpers for the elementwise loops. Vector loops are written out once per op, each with its
 * op in the loop body: a loop shared by many ops, whether it takes the op as a lambda or
 * switches on it, makes the JIT box every vector as soon as that loop is compiled on its own
 * (measured 3 to 30 times slower), and which happens first depends on warm-up order. So only
 * tiny load/store helpers are shared. Each loop runs unmasked over its full vectors and
 * masked over the tail, which gets the same arithmetic: masking every vector costs little
 * when a loop streams from memory, but on data in the L1 cache (a fused kernel's scratch) a
 * masked multiply measured 0.16 ns per element against 0.04 unmasked on AVX-512.
 *
 * <p>Scalar ops (integer lanes, and float ops the Vector API lacks) go through the lambda
 * loops below; at worst they lose inlining, never correctness.
 */
final class VecLoops {
    private VecLoops() {}

    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Lanes per float vector. */
    static final int FL = FS.length();
    /** Lanes per double vector. */
    static final int DL = DS.length();
    /** A scalar op on floats. */
    interface SF1 { float apply(float x); }
    /** A scalar op on doubles. */
    interface SD1 { double apply(double x); }
    /** A scalar op on longs. */
    interface SL1 { long apply(long x); }
    /** A binary scalar op on floats. */
    interface SF2 { float apply(float a, float b); }
    /** A binary scalar op on doubles. */
    interface SD2 { double apply(double a, double b); }
    /** A binary scalar op on longs. */
    interface SL2 { long apply(long a, long b); }

    // Tiny load/store helpers (masked, byte offset + element index): small enough that both
    // JIT tiers always inline them, so vectors never cross a real call.

    static FloatVector lf(MemorySegment s, long off, int i, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(FS, s, off + 4L * i, LE, m);
    }

    static void sf(FloatVector v, MemorySegment s, long off, int i, VectorMask<Float> m) {
        v.intoMemorySegment(s, off + 4L * i, LE, m);
    }

    static DoubleVector ld(MemorySegment s, long off, int i, VectorMask<Double> m) {
        return DoubleVector.fromMemorySegment(DS, s, off + 8L * i, LE, m);
    }

    static void sd(DoubleVector v, MemorySegment s, long off, int i, VectorMask<Double> m) {
        v.intoMemorySegment(s, off + 8L * i, LE, m);
    }

    // Unmasked forms for the full vectors of a loop; only the tail needs a mask.

    static FloatVector lf(MemorySegment s, long off, int i) {
        return FloatVector.fromMemorySegment(FS, s, off + 4L * i, LE);
    }

    static void sf(FloatVector v, MemorySegment s, long off, int i) {
        v.intoMemorySegment(s, off + 4L * i, LE);
    }

    static DoubleVector ld(MemorySegment s, long off, int i) {
        return DoubleVector.fromMemorySegment(DS, s, off + 8L * i, LE);
    }

    static void sd(DoubleVector v, MemorySegment s, long off, int i) {
        v.intoMemorySegment(s, off + 8L * i, LE);
    }

    static void scalarF(SF1 op, MemorySegment x, long xo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) y.set(Convert.F32, yo + 4L * i, op.apply(x.get(Convert.F32, xo + 4L * i)));
    }

    static void scalarD(SD1 op, MemorySegment x, long xo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) y.set(Convert.F64, yo + 8L * i, op.apply(x.get(Convert.F64, xo + 8L * i)));
    }

    static void scalarL(SL1 op, MemorySegment x, long xo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) y.set(Convert.I64, yo + 8L * i, op.apply(x.get(Convert.I64, xo + 8L * i)));
    }

    static void scalarF2(SF2 op, MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) {
            y.set(Convert.F32, yo + 4L * i, op.apply(a.get(Convert.F32, ao + 4L * i), b.get(Convert.F32, bo + 4L * i)));
        }
    }

    static void scalarD2(SD2 op, MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) {
            y.set(Convert.F64, yo + 8L * i, op.apply(a.get(Convert.F64, ao + 8L * i), b.get(Convert.F64, bo + 8L * i)));
        }
    }

    static void scalarL2(SL2 op, MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
        for (int i = 0; i < n; i++) {
            y.set(Convert.I64, yo + 8L * i, op.apply(a.get(Convert.I64, ao + 8L * i), b.get(Convert.I64, bo + 8L * i)));
        }
    }

    /**
     * Sum of the lanes in lane order. {@code reduceLanes(ADD)} leaves the order unspecified,
     * and HotSpot's compiled and interpreted forms really do add in different orders, so a
     * result would change once the JIT warms up; a fixed order keeps every run bitwise equal.
     */
    static float sumLanes(FloatVector v) {
        float sum = 0f;
        for (int i = 0; i < v.length(); i++) sum += v.lane(i);
        return sum;
    }

    /** Sum of the lanes in lane order (see {@link #sumLanes(FloatVector)}). */
    static double sumLanes(DoubleVector v) {
        double sum = 0d;
        for (int i = 0; i < v.length(); i++) sum += v.lane(i);
        return sum;
    }
}
