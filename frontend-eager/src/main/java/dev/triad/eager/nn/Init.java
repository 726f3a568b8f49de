package dev.triad.eager.nn;

import dev.triad.eager.Autograd;
import dev.triad.eager.GradMode;
import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.Shape;

/**
 * PyTorch's initialisers ({@code torch.nn.init}): each fills a tensor in place, without
 * recording, and draws from an explicit {@link Generator}. The fans follow PyTorch: for a
 * weight {@code [out, in, k...]}, {@code fan_in = in * prod(k)} and {@code fan_out = out * prod(k)}.
 */
public final class Init {
    private Init() {}

    /** Fills {@code t} with samples from {@code U(lo, hi)}. Returns t. */
    public static Tensor uniform_(Tensor t, Generator g, double lo, double hi) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            return t.uniform_(g, lo, hi);
        }
    }

    /** Fills {@code t} with samples from {@code N(mean, std^2)}. Returns t. */
    public static Tensor normal_(Tensor t, Generator g, double mean, double std) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            return t.normal_(g, mean, std);
        }
    }

    /** Fills with {@code value}. Returns t. */
    public static Tensor constant_(Tensor t, double value) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            return t.fill_(value);
        }
    }

    /** Fills with zeros. */ public static Tensor zeros_(Tensor t) { return constant_(t, 0); }
    /** Fills with ones. */ public static Tensor ones_(Tensor t) { return constant_(t, 1); }

    /**
     * He/Kaiming uniform for leaky-ReLU slope {@code a}: {@code U(-b, b)} with
     * {@code b = sqrt(2 / (1 + a^2)) * sqrt(3 / fan_in)}. With {@code a = sqrt(5)} (PyTorch's
     * default for Linear and Conv weights) this is {@code b = 1 / sqrt(fan_in)}.
     */
    public static Tensor kaimingUniform_(Tensor t, Generator g, double a) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.sqrt(3.0 / fanIn(t.shape()));
        return uniform_(t, g, -bound, bound);
    }

    /** Glorot/Xavier uniform: {@code U(-b, b)}, {@code b = gain * sqrt(6 / (fan_in + fan_out))}. */
    public static Tensor xavierUniform_(Tensor t, Generator g, double gain) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(t.shape()) + fanOut(t.shape())));
        return uniform_(t, g, -bound, bound);
    }

    /** {@code fan_in} of a weight shape. */
    public static long fanIn(Shape s) {
        if (s.rank() < 2) throw new ShapeException("init", "fan in and fan out can not be computed for a tensor with fewer than 2 dimensions " + s);
        return s.dim(1) * receptiveField(s);
    }

    /** {@code fan_out} of a weight shape. */
    public static long fanOut(Shape s) {
        if (s.rank() < 2) throw new ShapeException("init", "fan in and fan out can not be computed for a tensor with fewer than 2 dimensions " + s);
        return s.dim(0) * receptiveField(s);
    }

    private static long receptiveField(Shape s) {
        long r = 1;
        for (int i = 2; i < s.rank(); i++) r *= s.dim(i);
        return r;
    }

    /** A new f32 tensor of {@code shape} filled by Kaiming uniform with {@code a = sqrt(5)} (Linear/Conv weights). */
    static Tensor defaultWeight(Generator g, long... shape) {
        return kaimingUniform_(Scope.escape(Tensors.zeros(shape)), g, Math.sqrt(5));
    }

    /** A new f32 bias of {@code n} elements from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}. */
    static Tensor defaultBias(Generator g, long n, long fanIn) {
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return uniform_(Scope.escape(Tensors.zeros(n)), g, -bound, bound);
    }
}
