package dev.triad.backend.cpu.kernels;

import dev.triad.spi.prims.DTypeSet;
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
import static dev.triad.backend.cpu.kernels.VecLoops.sd;
import static dev.triad.backend.cpu.kernels.VecLoops.sf;

/**
 * The binary elementwise ops on runs of lane values. Comparisons write 1 or 0 in the lane,
 * which the store turns into BOOL. Semantics follow {@link dev.triad.spi.prims.Prims}:
 * max/min propagate NaN; rem is C fmod (the dividend's sign); integer division truncates,
 * {@code x / 0 = -1} and {@code x rem 0 = x}; and/or are bitwise on integers, which on BOOL's
 * 0 and 1 is logical.
 */
enum BinaryFn {
    ADD(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.add(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.add(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.add(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.add(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2(Long::sum, a, ao, b, bo, y, yo, n); }
    },
    SUB(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.sub(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.sub(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.sub(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.sub(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p - q, a, ao, b, bo, y, yo, n); }
    },
    MUL(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.mul(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.mul(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.mul(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.mul(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p * q, a, ao, b, bo, y, yo, n); }
    },
    DIV(DTypeSet.NUMERIC, 0.5) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.div(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.div(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.div(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.div(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            VecLoops.scalarL2((p, q) -> q == 0 ? -1 : p / q, a, ao, b, bo, y, yo, n);
        }
    },
    /** Float only; scalar {@link Math#pow}, whose special cases (0^0 = 1, ...) everyone shares. */
    POW(DTypeSet.FLOAT, 20) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            VecLoops.scalarF2((p, q) -> (float) Math.pow(p, q), a, ao, b, bo, y, yo, n);
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarD2(Math::pow, a, ao, b, bo, y, yo, n); }
    },
    MAX(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.max(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.max(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.max(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.max(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2(Math::max, a, ao, b, bo, y, yo, n); }
    },
    MIN(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(p.min(q), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(p.min(q), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(p.min(q), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(p.min(q), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2(Math::min, a, ao, b, bo, y, yo, n); }
    },
    /** Java's {@code %} on floats is C's fmod; the result is exact, so float arithmetic is enough. */
    REM(DTypeSet.NUMERIC, 5) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarF2((p, q) -> p % q, a, ao, b, bo, y, yo, n); }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarD2((p, q) -> p % q, a, ao, b, bo, y, yo, n); }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            VecLoops.scalarL2((p, q) -> q == 0 ? p : p % q, a, ao, b, bo, y, yo, n);
        }
    },
    EQ(DTypeSet.ANY, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.EQ, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.EQ, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.EQ, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.EQ, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p == q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    NE(DTypeSet.ANY, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.NE, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.NE, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.NE, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.NE, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p != q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    LT(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.LT, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.LT, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.LT, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.LT, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p < q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    LE(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.LE, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.LE, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.LE, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.LE, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p <= q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    GT(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.GT, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.GT, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.GT, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.GT, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p > q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    GE(DTypeSet.NUMERIC, 0.3) {
        @Override void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector p = lf(a, ao, i), q = lf(b, bo, i); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.GE, q)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector p = lf(a, ao, i, m), q = lf(b, bo, i, m); sf(FloatVector.zero(FS).blend(1f, p.compare(VectorOperators.GE, q)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector p = ld(a, ao, i), q = ld(b, bo, i); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.GE, q)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector p = ld(a, ao, i, m), q = ld(b, bo, i, m); sd(DoubleVector.zero(DS).blend(1d, p.compare(VectorOperators.GE, q)), y, yo, i, m); }
        }
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p >= q ? 1 : 0, a, ao, b, bo, y, yo, n); }
    },
    AND(DTypeSet.INTEGRAL, 0.3) {
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p & q, a, ao, b, bo, y, yo, n); }
    },
    OR(DTypeSet.INTEGRAL, 0.3) {
        @Override void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { VecLoops.scalarL2((p, q) -> p | q, a, ao, b, bo, y, yo, n); }
    };

    /** The dtypes the op's shape rule accepts, all of which this function handles. */
    final DTypeSet accepted;
    /** Rough single-core nanoseconds per element, for the parallel split. */
    final double costNs;

    BinaryFn(DTypeSet accepted, double costNs) {
        this.accepted = accepted;
        this.costNs = costNs;
    }

    /** F32 lane: {@code y[i] = f(a[i], b[i])} for {@code n} values at the given byte offsets. */
    void f32(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { throw unsupported("f32"); }
    /** F64 lane. */
    void f64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { throw unsupported("f64"); }
    /** I64 lane. */
    void i64(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment y, long yo, int n) { throw unsupported("integer"); }

    private IllegalStateException unsupported(String lane) {
        return new IllegalStateException(name().toLowerCase(java.util.Locale.ROOT) + " has no " + lane + " loop; supports() should have said so");
    }
}
