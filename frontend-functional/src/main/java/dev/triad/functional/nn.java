package dev.triad.functional;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/**
 * Neural-network functions ({@code jax.nn} and the layer primitives of {@code jax.lax}):
 * activations, softmax, one-hot, convolution, pooling, normalisation, dropout with an explicit
 * key, and the usual losses. Composite ops (softmax, GELU, layer norm, cross-entropy, ...)
 * stay one op here, so a backend may run them fused and their rules come from the spi.
 *
 * <p>Images are NCHW and convolution kernels OIHW, as in the rest of Triad.
 */
public final class nn {
    private nn() {}

    private static final Ops<Array> O = ArrayOps.OPS;

    /** max(x, 0). */ public static Array relu(Array x) { return O.relu(x); }
    /** Logistic sigmoid. */ public static Array sigmoid(Array x) { return O.logistic(x); }
    /** x * sigmoid(x). */ public static Array silu(Array x) { return O.silu(x); }
    /** GELU with the tanh approximation, JAX's default. */ public static Array gelu(Array x) { return O.geluTanh(x); }
    /** GELU, exact (erf) when {@code approximate} is false. */
    public static Array gelu(Array x, boolean approximate) { return approximate ? O.geluTanh(x) : O.gelu(x); }
    /** log(1 + e^x), computed stably as {@code max(x, 0) + log1p(e^-|x|)}. */
    public static Array softplus(Array x) { return O.add(O.relu(x), O.log1p(O.exp(O.neg(O.abs(x))))); }
    /** max(x, slope * x). */
    public static Array leakyRelu(Array x, double slope) { return O.where(O.ge(x, 0.0), x, O.mul(x, slope)); }

    /** Softmax along the last axis. */ public static Array softmax(Array x) { return O.softmax(x, -1); }
    /** Softmax along {@code axis}. */ public static Array softmax(Array x, int axis) { return O.softmax(x, axis); }
    /** Log-softmax along the last axis. */ public static Array logSoftmax(Array x) { return O.logSoftmax(x, -1); }
    /** Log-softmax along {@code axis}. */ public static Array logSoftmax(Array x, int axis) { return O.logSoftmax(x, axis); }
    /** log(sum(exp(x))) over all elements, computed stably. */
    public static Array logsumexp(Array x) { return O.logsumexp(x, Ops.allAxes(x.ndim()), false); }
    /** log(sum(exp(x))) over {@code axes}. */
    public static Array logsumexp(Array x, int[] axes, boolean keepdims) { return O.logsumexp(x, axes, keepdims); }

    /** One-hot F32 encoding of integer {@code labels}: a new last axis of size {@code numClasses}. */
    public static Array oneHot(Array labels, int numClasses) { return oneHot(labels, numClasses, DType.F32); }

    /** One-hot encoding of integer {@code labels} in {@code dtype}. */
    public static Array oneHot(Array labels, int numClasses, DType dtype) {
        Shape out = labels.shape().insert(labels.ndim(), numClasses);
        Array classes = O.iota(out, labels.dtype(), labels.ndim());
        Array l = O.broadcastTo(O.expandDims(labels, labels.ndim()), out);
        return O.cast(O.eq(l, classes), dtype);
    }

    /**
     * 2-D convolution of {@code x [N, C, H, W]} with {@code w [O, C/groups, KH, KW]}.
     *
     * @param strides {sh, sw}
     * @param padding {top, bottom, left, right}, or {ph, pw} for symmetric padding
     */
    public static Array conv(Array x, Array w, int[] strides, int[] padding) { return conv(x, w, strides, padding, new int[] {1, 1}, 1); }

    /** 2-D convolution with kernel dilation and feature groups (see {@link #conv(Array, Array, int[], int[])}). */
    public static Array conv(Array x, Array w, int[] strides, int[] padding, int[] dilation, int groups) {
        int spatial = x.ndim() - 2;
        if (spatial < 1) throw new ShapeException("conv", "input has type " + x.type() + "; expected [N, C, spatial...]");
        int[][] p = padding(padding, spatial);
        int[] ones = new int[spatial];
        java.util.Arrays.fill(ones, 1);
        return O.conv(x, w, strides, p[0], p[1], ones, dilation, groups);
    }

    /** A convolution with "SAME" (output size ceil(in / stride)) or "VALID" (no padding) padding, as in JAX. */
    public static Array conv(Array x, Array w, int[] strides, String padding) {
        int spatial = x.ndim() - 2;
        int[] pad = new int[2 * spatial];
        if (padding.equalsIgnoreCase("SAME")) {
            for (int i = 0; i < spatial; i++) {
                long in = x.shape().dim(2 + i), k = w.shape().dim(2 + i);
                long out = (in + strides[i] - 1) / strides[i];
                long total = Math.max(0, (out - 1) * strides[i] + k - in);
                pad[2 * i] = (int) (total / 2);
                pad[2 * i + 1] = (int) (total - total / 2);
            }
        } else if (!padding.equalsIgnoreCase("VALID")) {
            throw new AttributeException("conv", "padding '" + padding + "'; expected SAME or VALID");
        }
        return conv(x, w, strides, pad);
    }

    /** {low[], high[]} from {all per-dim symmetric} or {low0, high0, low1, high1, ...}. */
    private static int[][] padding(int[] padding, int spatial) {
        int[] lo = new int[spatial], hi = new int[spatial];
        if (padding.length == spatial) {
            System.arraycopy(padding, 0, lo, 0, spatial);
            System.arraycopy(padding, 0, hi, 0, spatial);
        } else if (padding.length == 2 * spatial) {
            for (int i = 0; i < spatial; i++) {
                lo[i] = padding[2 * i];
                hi[i] = padding[2 * i + 1];
            }
        } else {
            throw new AttributeException("conv", "padding has " + padding.length + " entries; expected " + spatial + " or " + 2 * spatial);
        }
        return new int[][] {lo, hi};
    }

    /** Max pooling over the spatial dims of {@code x [N, C, ...]}: window and strides per spatial dim, no padding. */
    public static Array maxPool(Array x, int[] window, int[] strides) {
        int[][] a = windowAttrs(x, window, strides);
        return O.reduceWindowMax(x, a[0], a[1], a[2], a[2]);
    }

    /** Average pooling over the spatial dims of {@code x [N, C, ...]}, no padding. */
    public static Array avgPool(Array x, int[] window, int[] strides) {
        int[][] a = windowAttrs(x, window, strides);
        long n = 1;
        for (int w : window) n *= w;
        return O.div(O.reduceWindowSum(x, a[0], a[1], a[2], a[2]), (double) n);
    }

    private static int[][] windowAttrs(Array x, int[] window, int[] strides) {
        int r = x.ndim(), lead = r - window.length;
        if (lead < 0 || strides.length != window.length) {
            throw new AttributeException("pool", "window " + java.util.Arrays.toString(window) + " and strides " + java.util.Arrays.toString(strides)
                    + " do not fit input " + x.type() + "; expected one entry per trailing (spatial) dimension");
        }
        int[] w = new int[r], s = new int[r], pad = new int[r];
        java.util.Arrays.fill(w, 1);
        java.util.Arrays.fill(s, 1);
        System.arraycopy(window, 0, w, lead, window.length);
        System.arraycopy(strides, 0, s, lead, strides.length);
        return new int[][] {w, s, pad};
    }

    /** Layer norm over the trailing dims of gamma's rank, with affine gamma and beta. */
    public static Array layerNorm(Array x, Array gamma, Array beta, double eps) { return O.layerNorm(x, gamma, beta, gamma.ndim(), eps); }

    /** Training-mode batch norm of {@code [N, C, ...]} with per-channel gamma and beta. */
    public static Array batchNorm(Array x, Array gamma, Array beta, double eps) { return O.batchNorm(x, gamma, beta, eps); }

    /** {@code x w^T + b} with the weight laid out {@code [out, in]}. */
    public static Array linear(Array x, Array w, Array b) { return O.linear(x, w, b); }

    /**
     * Inverted dropout: each element is kept with probability {@code 1 - rate} and scaled by
     * {@code 1 / (1 - rate)}; the mask comes from {@code key}, so the same key drops the same
     * elements on every backend.
     */
    public static Array dropout(Key key, double rate, Array x) { return O.dropout(x, key.data(), rate); }

    /** Mean cross-entropy of logits {@code [N, C]} against integer labels {@code [N]}. */
    public static Array crossEntropy(Array logits, Array labels) { return O.crossEntropy(logits, labels, 0.0); }

    /** Mean cross-entropy with label smoothing. */
    public static Array crossEntropy(Array logits, Array labels, double labelSmoothing) { return O.crossEntropy(logits, labels, labelSmoothing); }

    /** Mean squared error. */
    public static Array mse(Array prediction, Array target) { return O.mean(O.square(O.sub(prediction, target))); }

    /** Scaled dot-product attention ({@code mask} may be null; scale 0 means 1/sqrt(head dim)). */
    public static Array dotProductAttention(Array q, Array k, Array v, Array mask, double scale, boolean causal) {
        return O.attention(q, k, v, mask, scale, causal);
    }
}
