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
 * The unary elementwise ops, each on runs of F32, F64 and I64 lane values (source and
 * destination may be the same run). F32 and F64 use the Vector API where it has the op;
 * the rest are scalar. Semantics follow {@link dev.triad.spi.prims.Prims}: sign(NaN) is NaN
 * and sign(-0) is +0; round is half to even; not is logical on BOOL and bitwise on integers.
 */
enum UnaryFn {
    NEG(DTypeSet.SIGNED_NUMERIC, 0.3) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.neg(), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.neg(), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.neg(), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.neg(), y, yo, i, m); }
        }
        @Override void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarL(v -> -v, x, xo, y, yo, n); }
    },
    ABS(DTypeSet.SIGNED_NUMERIC, 0.3) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.abs(), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.abs(), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.abs(), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.abs(), y, yo, i, m); }
        }
        @Override void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarL(Math::abs, x, xo, y, yo, n); }
    },
    SIGN(DTypeSet.SIGNED_NUMERIC, 1) {
        // Vectorised (relu's derivative is sign of its output): 0, then 1 where > 0, -1 where < 0, NaN kept.
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            FloatVector zero = FloatVector.zero(FS), one = FloatVector.broadcast(FS, 1f), minusOne = FloatVector.broadcast(FS, -1f);
            for (int bound = FS.loopBound(n); i < bound; i += FL) {
                FloatVector v = lf(x, xo, i);
                sf(zero.blend(one, v.compare(VectorOperators.GT, 0f)).blend(minusOne, v.compare(VectorOperators.LT, 0f)).blend(v, v.compare(VectorOperators.NE, v)), y, yo, i);
            }
            if (i < n) VecLoops.scalarF(v -> v > 0 ? 1f : v < 0 ? -1f : v == 0 ? 0f : v, x, xo + 4L * i, y, yo + 4L * i, n - i);
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            DoubleVector zero = DoubleVector.zero(DS), one = DoubleVector.broadcast(DS, 1d), minusOne = DoubleVector.broadcast(DS, -1d);
            for (int bound = DS.loopBound(n); i < bound; i += DL) {
                DoubleVector v = ld(x, xo, i);
                sd(zero.blend(one, v.compare(VectorOperators.GT, 0d)).blend(minusOne, v.compare(VectorOperators.LT, 0d)).blend(v, v.compare(VectorOperators.NE, v)), y, yo, i);
            }
            if (i < n) VecLoops.scalarD(v -> v > 0 ? 1d : v < 0 ? -1d : v == 0 ? 0d : v, x, xo + 8L * i, y, yo + 8L * i, n - i);
        }
        @Override void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarL(Long::signum, x, xo, y, yo, n); }
    },
    EXP(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.EXP), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.EXP), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.EXP), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.EXP), y, yo, i, m); }
        }
    },
    LOG(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.LOG), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.LOG), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.LOG), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.LOG), y, yo, i, m); }
        }
    },
    LOG1P(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.LOG1P), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.LOG1P), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.LOG1P), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.LOG1P), y, yo, i, m); }
        }
    },
    EXPM1(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.EXPM1), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.EXPM1), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.EXPM1), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.EXPM1), y, yo, i, m); }
        }
    },
    SQRT(DTypeSet.FLOAT, 1) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.sqrt(), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.sqrt(), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.sqrt(), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.sqrt(), y, yo, i, m); }
        }
    },
    /** Exactly {@code 1 / sqrt(x)}: no hardware reciprocal-square-root estimate. */
    RSQRT(DTypeSet.FLOAT, 1) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(FloatVector.broadcast(FS, 1f).div(v.sqrt()), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(FloatVector.broadcast(FS, 1f).div(v.sqrt()), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(DoubleVector.broadcast(DS, 1d).div(v.sqrt()), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(DoubleVector.broadcast(DS, 1d).div(v.sqrt()), y, yo, i, m); }
        }
    },
    SIN(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.SIN), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.SIN), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.SIN), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.SIN), y, yo, i, m); }
        }
    },
    COS(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.COS), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.COS), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.COS), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.COS), y, yo, i, m); }
        }
    },
    TANH(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(v.lanewise(VectorOperators.TANH), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(v.lanewise(VectorOperators.TANH), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(v.lanewise(VectorOperators.TANH), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(v.lanewise(VectorOperators.TANH), y, yo, i, m); }
        }
    },
    /** {@code 1 / (1 + e^-x)}: exp overflows to +inf for very negative x, which still gives 0. */
    LOGISTIC(DTypeSet.FLOAT, 2) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(FloatVector.broadcast(FS, 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f)), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(FloatVector.broadcast(FS, 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f)), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(DoubleVector.broadcast(DS, 1d).div(v.neg().lanewise(VectorOperators.EXP).add(1d)), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(DoubleVector.broadcast(DS, 1d).div(v.neg().lanewise(VectorOperators.EXP).add(1d)), y, yo, i, m); }
        }
    },
    ERF(DTypeSet.FLOAT, 10) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) { Erf.f32(x, xo, y, yo, n); }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarD(Erf::erf, x, xo, y, yo, n); }
    },
    RECIPROCAL(DTypeSet.FLOAT, 0.5) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = FS.loopBound(n); i < bound; i += FL) { FloatVector v = lf(x, xo, i); sf(FloatVector.broadcast(FS, 1f).div(v), y, yo, i); }
            if (i < n) { VectorMask<Float> m = FS.indexInRange(i, n); FloatVector v = lf(x, xo, i, m); sf(FloatVector.broadcast(FS, 1f).div(v), y, yo, i, m); }
        }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) {
            int i = 0;
            for (int bound = DS.loopBound(n); i < bound; i += DL) { DoubleVector v = ld(x, xo, i); sd(DoubleVector.broadcast(DS, 1d).div(v), y, yo, i); }
            if (i < n) { VectorMask<Double> m = DS.indexInRange(i, n); DoubleVector v = ld(x, xo, i, m); sd(DoubleVector.broadcast(DS, 1d).div(v), y, yo, i, m); }
        }
    },
    FLOOR(DTypeSet.FLOAT, 1) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarF(v -> (float) Math.floor(v), x, xo, y, yo, n); }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarD(Math::floor, x, xo, y, yo, n); }
    },
    CEIL(DTypeSet.FLOAT, 1) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarF(v -> (float) Math.ceil(v), x, xo, y, yo, n); }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarD(Math::ceil, x, xo, y, yo, n); }
    },
    /** Half to even ({@link Math#rint}), as NumPy and PyTorch round. */
    ROUND(DTypeSet.FLOAT, 1) {
        @Override void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarF(v -> (float) Math.rint(v), x, xo, y, yo, n); }
        @Override void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarD(Math::rint, x, xo, y, yo, n); }
    },
    /** Bitwise not; on BOOL the kernel uses {@link #LOGICAL_NOT} instead. */
    NOT(DTypeSet.INTEGRAL, 0.3) {
        @Override void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarL(v -> ~v, x, xo, y, yo, n); }
        @Override UnaryFn forDType(dev.triad.spi.types.DType t) { return t == dev.triad.spi.types.DType.BOOL ? LOGICAL_NOT : this; }
    },
    /** not on BOOL values 0 and 1 (not a primitive of its own). */
    LOGICAL_NOT(DTypeSet.INTEGRAL, 0.3) {
        @Override void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { VecLoops.scalarL(v -> v == 0 ? 1 : 0, x, xo, y, yo, n); }
    };

    /** The dtypes the op's shape rule accepts, all of which this function handles. */
    final DTypeSet accepted;
    /** Rough single-core nanoseconds per element, for the parallel split. */
    final double costNs;

    UnaryFn(DTypeSet accepted, double costNs) {
        this.accepted = accepted;
        this.costNs = costNs;
    }

    /** The function to run for inputs of {@code t} (differs only for not on BOOL). */
    UnaryFn forDType(dev.triad.spi.types.DType t) { return this; }

    /** F32 lane: {@code y[i] = f(x[i])} for {@code n} values at byte offsets {@code xo}, {@code yo}. */
    void f32(MemorySegment x, long xo, MemorySegment y, long yo, int n) { throw unsupported("f32"); }
    /** F64 lane. */
    void f64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { throw unsupported("f64"); }
    /** I64 lane. */
    void i64(MemorySegment x, long xo, MemorySegment y, long yo, int n) { throw unsupported("integer"); }

    private IllegalStateException unsupported(String lane) {
        return new IllegalStateException(name().toLowerCase(java.util.Locale.ROOT) + " has no " + lane + " loop; supports() should have said so");
    }
}
