package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.Arrays;
import java.util.List;

/**
 * The binary elementwise primitives with their derivative rules. Inputs broadcast, so every
 * VJP sums its cotangent back to the input's shape ({@link Ops#sumToShape}).
 */
final class BinaryMath {
    private BinaryMath() {}

    /** Cotangents {@code (ga, gb)} reduced to the shapes of {@code a} and {@code b}; a null (not needed) stays null. */
    static <T> List<T> unbroadcast(Ops<T> o, List<T> in, T ga, T gb) {
        return Arrays.asList(ga == null ? null : o.sumToShape(ga, o.shape(in.get(0))), gb == null ? null : o.sumToShape(gb, o.shape(in.get(1))));
    }

    static final Primitive ADD = new BinaryOp("add", DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }
        // A bias's cotangent is a reduction over the batch: skipped when the bias is a constant.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] n) {
            return unbroadcast(o, in, needs(n, 0) ? g : null, needs(n, 1) ? g : null);
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.broadcastTo(o.add(t.get(0), t.get(1)), o.shape(out));
        }
    };

    static final Primitive SUB = new BinaryOp("sub", DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] n) {
            return unbroadcast(o, in, needs(n, 0) ? g : null, needs(n, 1) ? o.neg(g) : null);
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.broadcastTo(o.sub(t.get(0), t.get(1)), o.shape(out));
        }
    };

    static final Primitive MUL = new BinaryOp("mul", DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] n) {
            return unbroadcast(o, in, needs(n, 0) ? o.mul(g, in.get(1)) : null, needs(n, 1) ? o.mul(g, in.get(0)) : null);
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.add(o.mul(t.get(0), in.get(1)), o.mul(in.get(0), t.get(1)));
        }
    };

    /** Division; integer division truncates toward zero, divides by zero to -1 (remainder: the dividend). */
    static final Primitive DIV = new BinaryOp("div", DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] n) {
            T b = in.get(1);
            return unbroadcast(o, in, needs(n, 0) ? o.div(g, b) : null, needs(n, 1) ? o.neg(o.div(o.mul(g, out), b)) : null);
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.div(o.sub(t.get(0), o.mul(t.get(1), out)), in.get(1));
        }
    };

    /**
     * {@code a^b} for floats. The derivative in b, {@code a^b log a}, exists in real arithmetic
     * only for {@code a > 0}; elsewhere it is taken as 0 (log(0) as 0, as JAX does), so that a
     * tangent or gradient flowing only through {@code a} is never poisoned by a NaN from the
     * undefined branch (front-ends pass materialised zero tangents, not symbolic ones).
     */
    static final Primitive POW = new BinaryOp("pow", DTypeSet.FLOAT, false, Primitive.Derivative.DIFFERENTIABLE) {
        private <T> T dA(Ops<T> o, T x, T y) { return o.mul(y, o.pow(x, o.sub(y, 1.0))); }
        private <T> T dB(Ops<T> o, T x, T out) {
            T positive = o.gt(x, 0.0);
            T safe = o.where(positive, x, o.onesLike(x));
            return o.where(positive, o.mul(out, o.log(safe)), o.zerosLike(out));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return unbroadcast(o, in, o.mul(g, dA(o, in.get(0), in.get(1))), o.mul(g, dB(o, in.get(0), out)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.add(o.mul(t.get(0), dA(o, in.get(0), in.get(1))), o.mul(t.get(1), dB(o, in.get(0), out)));
        }
    };

    /**
     * Share of the gradient that goes to {@code x} in max/min: 1 where x wins, 1/2 on ties
     * (as JAX and PyTorch do), 0 where it loses.
     */
    static <T> T winnerShare(Ops<T> o, T x, T y, boolean isMax) {
        T wins = isMax ? o.gt(x, y) : o.lt(x, y);
        T one = o.scalarFor(x, 1.0), half = o.scalarFor(x, 0.5), zero = o.scalarFor(x, 0.0);
        return o.where(wins, one, o.where(o.eq(x, y), half, zero));
    }

    /** max and min share their rules: the winner of each element gets the gradient. */
    static final class Extremum extends BinaryOp {
        private final boolean isMax;

        Extremum(String name, boolean isMax) {
            super(name, DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE);
            this.isMax = isMax;
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T x = in.get(0), y = in.get(1);
            return unbroadcast(o, in, o.mul(g, winnerShare(o, x, y, isMax)), o.mul(g, winnerShare(o, y, x, isMax)));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            T x = in.get(0), y = in.get(1);
            return o.add(o.mul(t.get(0), winnerShare(o, x, y, isMax)), o.mul(t.get(1), winnerShare(o, y, x, isMax)));
        }
    }

    static final Primitive MAX = new Extremum("max", true);
    static final Primitive MIN = new Extremum("min", false);

    /** Remainder {@code a - b * trunc(a / b)}: the derivative is 1 in a and {@code -trunc(a / b)} in b. */
    static final Primitive REM = new BinaryOp("rem", DTypeSet.NUMERIC, false, Primitive.Derivative.DIFFERENTIABLE) {
        private <T> T truncQuotient(Ops<T> o, T x, T y) {
            T q = o.div(x, y);
            return o.where(o.lt(q, 0.0), o.ceil(q), o.floor(q));
        }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return unbroadcast(o, in, g, o.neg(o.mul(g, truncQuotient(o, in.get(0), in.get(1)))));
        }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            T d = o.sub(t.get(0), o.mul(t.get(1), truncQuotient(o, in.get(0), in.get(1))));
            return o.broadcastTo(d, o.shape(out));
        }
    };

    static final Primitive EQ = new BinaryOp("eq", DTypeSet.ANY, true, Primitive.Derivative.NONE) {};
    static final Primitive NE = new BinaryOp("ne", DTypeSet.ANY, true, Primitive.Derivative.NONE) {};
    static final Primitive LT = new BinaryOp("lt", DTypeSet.NUMERIC, true, Primitive.Derivative.NONE) {};
    static final Primitive LE = new BinaryOp("le", DTypeSet.NUMERIC, true, Primitive.Derivative.NONE) {};
    static final Primitive GT = new BinaryOp("gt", DTypeSet.NUMERIC, true, Primitive.Derivative.NONE) {};
    static final Primitive GE = new BinaryOp("ge", DTypeSet.NUMERIC, true, Primitive.Derivative.NONE) {};
    static final Primitive AND = new BinaryOp("and", DTypeSet.INTEGRAL, false, Primitive.Derivative.NONE) {};
    static final Primitive OR = new BinaryOp("or", DTypeSet.INTEGRAL, false, Primitive.Derivative.NONE) {};
}
