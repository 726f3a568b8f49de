package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * Layer norm and training-mode batch norm: {@code (x - mean) / sqrt(var + eps) * gamma + beta}
 * with the biased (population) variance, as PyTorch normalises. Their derivatives come from
 * the decomposition (through mean's direct rule).
 */
final class Normalization {
    private Normalization() {}

    /** {@code (x - mean) * rsqrt(var + eps)} over {@code axes}, the mean computed once and reused. */
    static <T> T normalize(Ops<T> o, T x, int[] axes, double eps) {
        T d = o.sub(x, o.mean(x, axes, true));
        T var = o.mean(o.mul(d, d), axes, true);
        return o.mul(d, o.rsqrt(o.add(var, eps)));
    }

    /** Checks that {@code what} (gamma or beta) has x's dtype and the {@code expected} shape. */
    static void checkParam(Composite c, String what, TensorType t, TensorType x, Shape expected, String meaning) {
        c.checkSameDType(what, t, x);
        if (!t.shape().equals(expected)) {
            throw new ShapeException(c.name(), what + " has shape " + t.shape() + "; expected " + expected + " (" + meaning + ")");
        }
    }

    /**
     * layer_norm {normalized_ndim, eps} (x, gamma, beta): statistics over the trailing
     * {@code normalized_ndim} dimensions of x, which gamma and beta have as their shape.
     */
    static final Primitive LAYER_NORM = new Composite("layer_norm", 3, 3, List.of(Keys.NORMALIZED_NDIM, Keys.EPS)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0);
            checkFloat("x", x);
            checkEps(a);
            int k = a.get(Keys.NORMALIZED_NDIM);
            if (k < 1 || k > x.rank()) {
                throw new AttributeException(name(), "normalized_ndim is " + k + " for x " + x + "; expected 1 <= normalized_ndim <= " + x.rank());
            }
            long[] trailing = new long[k];
            for (int i = 0; i < k; i++) trailing[i] = x.shape().dim(x.rank() - k + i);
            String meaning = "the trailing " + k + " dims of x " + x;
            checkParam(this, "gamma", in.get(1), x, Shape.of(trailing), meaning);
            checkParam(this, "beta", in.get(2), x, Shape.of(trailing), meaning);
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            int r = o.rank(x), k = a.get(Keys.NORMALIZED_NDIM);
            int[] axes = new int[k];
            for (int i = 0; i < k; i++) axes[i] = r - k + i;
            // gamma and beta align with the trailing dims under right-aligned broadcasting.
            return o.add(o.mul(normalize(o, x, axes, a.get(Keys.EPS)), in.get(1)), in.get(2));
        }
    };

    /**
     * batch_norm {eps} (x [N, C, ...], gamma [C], beta [C]): training-mode batch statistics over
     * every axis but the channel axis 1. Running statistics are the caller's business (mean and
     * variance are ops of their own).
     */
    static final Primitive BATCH_NORM = new Composite("batch_norm", 3, 3, List.of(Keys.EPS)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0);
            checkFloat("x", x);
            checkEps(a);
            if (x.rank() < 2) throw new ShapeException(name(), "x has shape " + x.shape() + "; expected rank >= 2 ([N, C, ...])");
            String meaning = "C, the size of axis 1 of x " + x;
            checkParam(this, "gamma", in.get(1), x, Shape.of(x.shape().dim(1)), meaning);
            checkParam(this, "beta", in.get(2), x, Shape.of(x.shape().dim(1)), meaning);
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            int r = o.rank(x);
            int[] axes = new int[r - 1];
            axes[0] = 0;
            for (int i = 2; i < r; i++) axes[i - 1] = i;
            long[] perChannel = new long[r];
            java.util.Arrays.fill(perChannel, 1);
            perChannel[1] = o.shape(x).dim(1);
            Shape c = Shape.of(perChannel);
            return o.add(o.mul(normalize(o, x, axes, a.get(Keys.EPS)), o.reshape(in.get(1), c)), o.reshape(in.get(2), c));
        }
    };
}
