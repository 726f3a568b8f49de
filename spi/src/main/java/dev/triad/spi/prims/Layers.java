package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/** The linear layer (with a direct VJP rule) and dropout (derivative from its decomposition). */
final class Layers {
    private Layers() {}

    /**
     * linear (x [..., in], w [out, in], b [out]) = {@code x w^T + b}, PyTorch's weight layout.
     * x of any rank >= 1 is flattened to one matrix {@code [prod(...), in]} so that the work is a
     * single plain matrix product (also for the weight's gradient), then shaped back.
     */
    static final Primitive LINEAR = new Composite("linear", 3, 3, List.of()) {
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0), w = in.get(1), b = in.get(2);
            checkFloat("x", x);
            checkSameDType("w", w, x);
            checkSameDType("b", b, x);
            if (x.rank() < 1) throw new ShapeException(name(), "x is a scalar " + x + "; expected rank >= 1 ([..., in])");
            if (w.rank() != 2) throw new ShapeException(name(), "w has shape " + w.shape() + "; expected rank 2 ([out, in])");
            long inFeatures = x.shape().dim(x.rank() - 1);
            if (w.shape().dim(1) != inFeatures) {
                throw new ShapeException(name(), "w has shape " + w.shape() + " but x " + x + " has " + inFeatures
                        + " input features; expected w of shape [out, " + inFeatures + "]");
            }
            if (!b.shape().equals(Shape.of(w.shape().dim(0)))) {
                throw new ShapeException(name(), "b has shape " + b.shape() + "; expected [" + w.shape().dim(0) + "] (out, the size of axis 0 of w " + w + ")");
            }
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0), w = in.get(1), b = in.get(2);
            Shape xs = o.shape(x);
            int r = xs.rank();
            long rows = 1;
            for (int i = 0; i < r - 1; i++) rows *= xs.dim(i);
            long features = xs.dim(r - 1), out = o.shape(w).dim(0);
            T y = o.matmul(o.reshape(x, Shape.of(rows, features)), o.transposeLast2(w));
            return o.add(o.reshape(y, xs.withDim(r - 1, out)), b);
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T y, T g, Attrs a) { return vjp(o, in, y, g, a, null); }

        // A direct rule rather than the decomposition's: the weight's cotangent g^T x comes out in
        // w's own [out, in] layout (through the decomposition it is (x^T g)^T, a transposed copy),
        // and a data batch's cotangent, a matmul as large as the forward one, is skipped.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T y, T g, Attrs a, boolean[] needsGrad) {
            T x = in.get(0), w = in.get(1), b = in.get(2);
            Shape xs = o.shape(x);
            long features = xs.dim(xs.rank() - 1), out = o.shape(w).dim(0);
            long rows = 1;
            for (int i = 0; i < xs.rank() - 1; i++) rows *= xs.dim(i);
            T g2 = o.reshape(g, Shape.of(rows, out));
            T gx = needs(needsGrad, 0) ? o.reshape(o.matmul(g2, w), xs) : null;
            T gw = needs(needsGrad, 1) ? o.matmul(o.transposeLast2(g2), o.reshape(x, Shape.of(rows, features))) : null;
            T gb = needs(needsGrad, 2) ? o.sumToShape(g2, o.shape(b)) : null;
            return Arrays.asList(gx, gw, gb);
        }
    };

    /** 2^23: dropout draws 23 uniform bits per element. */
    private static final double TWO_POW_23 = 8388608.0;

    /**
     * dropout {rate} (x, key i32[2]): inverted dropout. Each element draws
     * {@code u = (bits & 0x7FFFFF) * 2^-23}, uniform in [0, 1), from {@code random_bits(key,
     * shape(x))}, is kept when {@code u >= rate} and scaled by {@code 1 / (1 - rate)}; the
     * comparison is made exactly, on the integer {@code bits & 0x7FFFFF >= ceil(rate * 2^23)},
     * so every backend drops the same elements. Rate 0 is the identity. The same key gives the
     * same mask (also across a vmapped batch when the key is not batched).
     */
    static final Primitive DROPOUT = new Composite("dropout", 2, 2, List.of(Keys.RATE)) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }
        @Override void validate(List<TensorType> in, Attrs a) {
            checkFloat("x", in.get(0));
            TensorType key = in.get(1);
            if (key.dtype() != DType.I32) throw new DTypeException(name(), "key has dtype " + key.dtype() + "; expected i32 (a key i32[2])");
            if (!key.shape().equals(Shape.of(2))) throw new ShapeException(name(), "key has shape " + key.shape() + "; expected [2]");
            double rate = a.get(Keys.RATE);
            if (!(rate >= 0 && rate < 1)) throw new AttributeException(name(), "rate is " + rate + "; expected 0 <= rate < 1");
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T x = in.get(0);
            double rate = a.get(Keys.RATE);
            if (rate == 0) return x;
            T bits = o.and(o.randomBits(in.get(1), o.shape(x)), o.scalar(0x7FFFFF, DType.I32));
            T keep = o.ge(bits, o.scalar(Math.ceil(rate * TWO_POW_23), DType.I32));
            return o.where(keep, o.mul(x, 1.0 / (1.0 - rate)), o.zerosLike(x));
        }
    };
}
