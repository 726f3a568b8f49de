package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * The unary elementwise primitives with their derivative rules. Batching of every unary op is
 * the identity on the batch axis ({@link UnaryOp}).
 */
final class UnaryMath {
    private UnaryMath() {}

    /**
     * A smooth unary op whose derivative is a function {@code d(x, out)}: VJP is
     * {@code g * d} and JVP is {@code t * d}, so each op states its derivative once.
     */
    abstract static class Smooth extends UnaryOp {
        Smooth(String name) { super(name, DTypeSet.FLOAT, Primitive.Derivative.DIFFERENTIABLE); }

        /** The derivative of the op at {@code x}, given its output {@code out}. */
        abstract <T> T derivative(Ops<T> o, T x, T out);

        @Override
        public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return List.of(o.mul(g, derivative(o, in.get(0), out)));
        }

        @Override
        public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.mul(t.get(0), derivative(o, in.get(0), out));
        }
    }

    static final Primitive NEG = new UnaryOp("neg", DTypeSet.SIGNED_NUMERIC, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.neg(g)); }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) { return o.neg(t.get(0)); }
    };

    static final Primitive ABS = new UnaryOp("abs", DTypeSet.SIGNED_NUMERIC, Primitive.Derivative.DIFFERENTIABLE) {
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.mul(g, o.sign(in.get(0)))); }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) { return o.mul(t.get(0), o.sign(in.get(0))); }
    };

    static final Primitive SIGN = new UnaryOp("sign", DTypeSet.SIGNED_NUMERIC, Primitive.Derivative.ZERO) {};

    static final Primitive EXP = new Smooth("exp") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return out; }
    };

    static final Primitive LOG = new Smooth("log") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.reciprocal(x); }
    };

    static final Primitive LOG1P = new Smooth("log1p") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.reciprocal(o.add(x, 1.0)); }
    };

    static final Primitive EXPM1 = new Smooth("expm1") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.add(out, 1.0); }
    };

    static final Primitive SQRT = new Smooth("sqrt") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.div(o.scalarFor(out, 0.5), out); }
    };

    static final Primitive RSQRT = new Smooth("rsqrt") {
        // d/dx x^(-1/2) = -1/2 x^(-3/2) = -1/2 * out / x
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.mul(o.div(out, x), -0.5); }
    };

    static final Primitive SIN = new Smooth("sin") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.cos(x); }
    };

    static final Primitive COS = new Smooth("cos") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.neg(o.sin(x)); }
    };

    static final Primitive TANH = new Smooth("tanh") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.rsub(1.0, o.square(out)); }
    };

    static final Primitive LOGISTIC = new Smooth("logistic") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.mul(out, o.rsub(1.0, out)); }
    };

    static final Primitive ERF = new Smooth("erf") {
        private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.mul(o.exp(o.neg(o.square(x))), TWO_OVER_SQRT_PI); }
    };

    static final Primitive RECIPROCAL = new Smooth("reciprocal") {
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.neg(o.square(out)); }
    };

    static final Primitive FLOOR = new UnaryOp("floor", DTypeSet.FLOAT, Primitive.Derivative.ZERO) {};
    static final Primitive CEIL = new UnaryOp("ceil", DTypeSet.FLOAT, Primitive.Derivative.ZERO) {};
    /** Rounds half to even, as NumPy and PyTorch do. */
    static final Primitive ROUND = new UnaryOp("round", DTypeSet.FLOAT, Primitive.Derivative.ZERO) {};
    static final Primitive NOT = new UnaryOp("not", DTypeSet.INTEGRAL, Primitive.Derivative.NONE) {};
}
