package dev.triad.spi.prims;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * Elementwise activations defined by decomposition, each with a direct derivative
 * ({@link Composite.Pointwise}).
 */
final class Activations {
    private Activations() {}

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    /**
     * max(x, 0) for numeric inputs. The derivative at 0 is taken as 0, as PyTorch and JAX do
     * (max's own rule would split a tie in halves).
     */
    static final Primitive RELU = new Composite.Pointwise("relu", DTypeSet.NUMERIC) {
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) { return o.max(in.get(0), 0.0); }
        // sign(relu(x)) is 1 where x > 0 and 0 elsewhere: one elementwise op in x's dtype instead of
        // a comparison to bool and a cast back (two kernels with a bool buffer between them).
        @Override <T> T derivative(Ops<T> o, T x, T out) { return o.sign(out); }
    };

    /** Exact GELU: {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2))}. */
    static final Primitive GELU = new Composite.Pointwise("gelu", DTypeSet.FLOAT) {
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            return o.mul(o.mul(x, 0.5), o.add(o.erf(o.mul(x, INV_SQRT_2)), 1.0));
        }
        // Phi(x) + x phi(x), phi the standard normal density.
        @Override <T> T derivative(Ops<T> o, T x, T out) {
            T cdf = o.mul(o.add(o.erf(o.mul(x, INV_SQRT_2)), 1.0), 0.5);
            T pdf = o.mul(o.exp(o.mul(o.square(x), -0.5)), INV_SQRT_2PI);
            return o.add(cdf, o.mul(x, pdf));
        }
    };

    /** GELU, tanh approximation: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    static final Primitive GELU_TANH = new Composite.Pointwise("gelu_tanh", DTypeSet.FLOAT) {
        private <T> T inner(Ops<T> o, T x) {
            return o.mul(o.add(x, o.mul(o.mul(o.square(x), x), GELU_CUBIC)), SQRT_2_OVER_PI);
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            return o.mul(o.mul(x, 0.5), o.add(o.tanh(inner(o, x)), 1.0));
        }
        // 0.5 (1 + t) + 0.5 x (1 - t^2) u', with t = tanh(u), u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2).
        @Override <T> T derivative(Ops<T> o, T x, T out) {
            T t = o.tanh(inner(o, x));
            T du = o.mul(o.add(o.mul(o.square(x), 3 * GELU_CUBIC), 1.0), SQRT_2_OVER_PI);
            T left = o.mul(o.add(t, 1.0), 0.5);
            T right = o.mul(o.mul(o.mul(x, 0.5), o.rsub(1.0, o.square(t))), du);
            return o.add(left, right);
        }
    };

    /** SiLU (swish): {@code x * logistic(x)}. */
    static final Primitive SILU = new Composite.Pointwise("silu", DTypeSet.FLOAT) {
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            return o.mul(x, o.logistic(x));
        }
        // s (1 + x (1 - s)), s = logistic(x).
        @Override <T> T derivative(Ops<T> o, T x, T out) {
            T s = o.logistic(x);
            return o.mul(s, o.add(o.mul(x, o.rsub(1.0, s)), 1.0));
        }
    };
}
