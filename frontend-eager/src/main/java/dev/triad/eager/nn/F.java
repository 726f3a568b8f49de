package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.EagerOps;
import dev.triad.eager.GradMode;
import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The functional forms of the layers and losses ({@code torch.nn.functional}). Each is a few
 * calls into the spi's algebra; composites (linear, softmax, layer norm, batch norm, dropout,
 * cross-entropy, attention) are applied as one op so their gradient rules come from the spi.
 */
public final class F {
    private F() {}

    private static EagerOps ops(Tensor t) { return EagerOps.of(t.backend()); }

    // ---- activations -----------------------------------------------------------------------------

    /** max(x, 0). */ public static Tensor relu(Tensor x) { return x.relu(); }
    /** Exact GELU. */ public static Tensor gelu(Tensor x) { return x.gelu(); }
    /** GELU with the tanh approximation. */ public static Tensor geluTanh(Tensor x) { return ops(x).geluTanh(x); }
    /** x * sigmoid(x). */ public static Tensor silu(Tensor x) { return x.silu(); }
    /** tanh. */ public static Tensor tanh(Tensor x) { return x.tanh(); }
    /** Logistic sigmoid. */ public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }
    /** Softmax along {@code dim}. */ public static Tensor softmax(Tensor x, int dim) { return x.softmax(dim); }
    /** Log-softmax along {@code dim}. */ public static Tensor logSoftmax(Tensor x, int dim) { return x.logSoftmax(dim); }

    // ---- linear and convolution ---------------------------------------------------------------

    /** {@code x w^T + b} with {@code w [out, in]}; {@code b} may be null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return b == null ? x.matmul(w.t()) : ops(x).linear(x, w, b);
    }

    /**
     * N-d convolution of {@code x [N, C, s...]} with {@code w [O, C/groups, k...]}; {@code b [O]}
     * may be null. Arrays have one entry per spatial dimension; {@code padLow}/{@code padHigh}
     * allow asymmetric (SAME) padding.
     */
    public static Tensor conv(Tensor x, Tensor w, Tensor b, int[] stride, int[] padLow, int[] padHigh, int[] dilation, int groups) {
        int[] ones = new int[stride.length];
        Arrays.fill(ones, 1);
        Tensor y = ops(x).conv(x, w, stride, padLow, padHigh, ones, dilation, groups);
        if (b == null) return y;
        long[] shape = new long[y.dim()];
        Arrays.fill(shape, 1);
        shape[1] = b.numel();
        return y.add(b.reshape(shape));
    }

    /** 2-d convolution with symmetric padding. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return conv(x, w, b, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {padding, padding}, new int[] {1, 1}, 1);
    }

    /**
     * Padding {@code {low, high}} per spatial dim that keeps the size for stride 1 (PyTorch's
     * {@code padding='same'}): the total is {@code dilation * (k - 1)}, the extra one at the end.
     */
    static int[][] samePadding(long[] kernel, int[] dilation) {
        int[] lo = new int[kernel.length], hi = new int[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            int total = (int) (dilation[i] * (kernel[i] - 1));
            lo[i] = total / 2;
            hi[i] = total - lo[i];
        }
        return new int[][] {lo, hi};
    }

    // ---- pooling --------------------------------------------------------------------------------

    /** Window attributes over every dim: 1 for the leading (batch, channel) dims, the given ones for the trailing ones. */
    private static int[] lead(int rank, int[] trailing, int fill) {
        int[] out = new int[rank];
        Arrays.fill(out, fill);
        System.arraycopy(trailing, 0, out, rank - trailing.length, trailing.length);
        return out;
    }

    private static void checkPoolRank(Tensor x, int spatial, String op) {
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new ShapeException(op, "expected a " + (spatial + 1) + "-d (unbatched) or " + (spatial + 2) + "-d (batched) input, got " + x.type());
        }
    }

    /** Max pooling over the last {@code kernel.length} dims (padding counts as -inf, as in PyTorch). */
    public static Tensor maxPool(Tensor x, int[] kernel, int[] stride, int[] padding) {
        checkPoolRank(x, kernel.length, "max_pool");
        int r = x.dim();
        return ops(x).reduceWindowMax(x, lead(r, kernel, 1), lead(r, stride, 1), lead(r, padding, 0), lead(r, padding, 0));
    }

    /** Average pooling; padded zeros count in the average (PyTorch's default {@code count_include_pad}). */
    public static Tensor avgPool(Tensor x, int[] kernel, int[] stride, int[] padding) {
        checkPoolRank(x, kernel.length, "avg_pool");
        int r = x.dim();
        long area = 1;
        for (int k : kernel) area *= k;
        Tensor sum = ops(x).reduceWindowSum(x, lead(r, kernel, 1), lead(r, stride, 1), lead(r, padding, 0), lead(r, padding, 0));
        return sum.div((double) area);
    }

    /** 2x2-style max pooling with a square window. */
    public static Tensor maxPool2d(Tensor x, int kernel) { return maxPool(x, new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0}); }

    /**
     * Adaptive average pooling to {@code [outH, outW]}: output cell {@code i} averages input
     * rows {@code floor(i*H/outH)} to {@code ceil((i+1)*H/outH)}, as PyTorch does.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        checkPoolRank(x, 2, "adaptive_avg_pool2d");
        long h = x.size(-2), w = x.size(-1);
        if (h % outH == 0 && w % outW == 0) {
            int kh = (int) (h / outH), kw = (int) (w / outW);
            return avgPool(x, new int[] {kh, kw}, new int[] {kh, kw}, new int[] {0, 0});
        }
        List<Tensor> rows = new ArrayList<>(outH);
        for (int i = 0; i < outH; i++) {
            long r0 = Math.floorDiv(i * h, outH), r1 = Math.floorDiv((i + 1) * h + outH - 1, outH);
            List<Tensor> cells = new ArrayList<>(outW);
            for (int j = 0; j < outW; j++) {
                long c0 = Math.floorDiv(j * w, outW), c1 = Math.floorDiv((j + 1) * w + outW - 1, outW);
                cells.add(x.narrow(-2, r0, r1 - r0).narrow(-1, c0, c1 - c0).mean(new int[] {-2, -1}, false));
            }
            rows.add(Tensors.stack(-1, cells));
        }
        return Tensors.stack(-2, rows);
    }

    // ---- normalisation ----------------------------------------------------------------------------

    /** Layer norm over the trailing {@code normalizedNdim} dims; {@code w} and {@code b} may be null. */
    public static Tensor layerNorm(Tensor x, int normalizedNdim, Tensor w, Tensor b, double eps) {
        Ops<Tensor> o = ops(x);
        long[] trailing = new long[normalizedNdim];
        for (int i = 0; i < normalizedNdim; i++) trailing[i] = x.size(x.dim() - normalizedNdim + i);
        Tensor gamma = w != null ? w : o.full(Shape.of(trailing), x.dtype(), 1.0);
        Tensor beta = b != null ? b : o.full(Shape.of(trailing), x.dtype(), 0.0);
        return o.layerNorm(x, gamma, beta, normalizedNdim, eps);
    }

    /**
     * Batch norm of {@code x [N, C, ...]}. In training (or without running statistics) it uses the
     * batch's statistics and, when given, updates {@code runningMean}/{@code runningVar} in place
     * with {@code momentum} (the variance unbiased, as PyTorch does); otherwise it uses the running
     * statistics. {@code w} and {@code b} may be null.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor w, Tensor b,
                                   boolean training, double momentum, double eps) {
        if (x.dim() < 2) throw new ShapeException("batch_norm", "expected an input [N, C, ...], got " + x.type());
        long c = x.size(1);
        long[] perChannel = new long[x.dim()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = c;
        if (training || runningMean == null) {
            Tensor gamma = w != null ? w : ops(x).full(Shape.of(c), x.dtype(), 1.0);
            Tensor beta = b != null ? b : ops(x).full(Shape.of(c), x.dtype(), 0.0);
            Tensor y = ops(x).batchNorm(x, gamma, beta, eps);
            if (training && runningMean != null) {
                try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
                    int[] axes = new int[x.dim() - 1];
                    axes[0] = 0;
                    for (int i = 2; i < x.dim(); i++) axes[i - 1] = i;
                    long n = x.numel() / c;
                    Tensor mean = x.mean(axes, false);
                    Tensor var = x.var(axes, n > 1 ? 1 : 0, false);
                    runningMean.mul_(1 - momentum).add_(mean.to(runningMean.dtype()), momentum);
                    runningVar.mul_(1 - momentum).add_(var.to(runningVar.dtype()), momentum);
                }
            }
            return y;
        }
        Tensor scale = runningVar.add(eps).rsqrt();
        if (w != null) scale = scale.mul(w);
        Tensor y = x.sub(runningMean.reshape(perChannel)).mul(scale.reshape(perChannel));
        return b != null ? y.add(b.reshape(perChannel)) : y;
    }

    // ---- dropout and embedding ---------------------------------------------------------------------

    /** Inverted dropout with drop probability {@code p}; identity when not training or {@code p == 0}. */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator g) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0.0);
        return ops(x).dropout(x, g.nextKey(x.backend()), p);
    }

    /** Rows of {@code weight [num, dim]} picked by integer {@code indices} of any shape: {@code [..., dim]}. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        if (indices.dtype().isFloating() || !indices.dtype().isNumeric()) {
            throw new DTypeException("embedding", "indices have dtype " + indices.dtype() + "; expected an integer type (i32 or i64)");
        }
        long dim = weight.size(1);
        Tensor flat = indices.reshape(-1, 1).expand(-1, dim);
        Tensor rows = weight.gather(0, flat);
        long[] shape = Arrays.copyOf(indices.shape().toArray(), indices.dim() + 1);
        shape[indices.dim()] = dim;
        return rows.reshape(shape);
    }

    /** Scaled dot-product attention; {@code mask} (bool, true = attend) may be null; scale 0 means 1/sqrt(D). */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale, boolean causal) {
        return ops(q).attention(q, k, v, mask, scale, causal);
    }

    // ---- losses -----------------------------------------------------------------------------------

    /** Mean cross-entropy of logits {@code [N, C]} against integer labels {@code [N]}, with label smoothing. */
    public static Tensor crossEntropy(Tensor logits, Tensor labels, double labelSmoothing) {
        return ops(logits).crossEntropy(logits, labels, labelSmoothing);
    }

    /** Mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return input.sub(target).square().mean();
    }

    /**
     * Mean binary cross-entropy on logits, computed stably:
     * {@code max(x, 0) - x * y + log(1 + exp(-|x|))}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        Tensor y = target.to(logits.dtype());
        return logits.clampMin(0).sub(logits.mul(y)).add(logits.abs().neg().exp().log1p()).mean();
    }
}
