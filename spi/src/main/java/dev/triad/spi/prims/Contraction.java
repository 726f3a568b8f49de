package dev.triad.spi.prims;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/** Batched matmul and N-d convolution, whose gradients are matmuls and convolutions again. */
final class Contraction {
    private Contraction() {}

    static final Primitive MATMUL = new Primitive("matmul", 2, 2, Primitive.Category.CONTRACTION, Primitive.Derivative.DIFFERENTIABLE, List.of()) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0), y = in.get(1);
            if (x.dtype() != y.dtype()) throw new DTypeException(name(), "operands have dtypes " + x + " and " + y + "; expected one dtype");
            DTypeSet.NUMERIC.check(name(), "operands", x.dtype());
            if (x.rank() < 2 || y.rank() < 2) {
                throw new ShapeException(name(), "operands " + x + " and " + y + " must both have rank >= 2"
                        + " (a[..., m, k] x b[..., k, n]); reshape a vector to [1, k] or [k, 1] first");
            }
            long m = x.shape().dim(x.rank() - 2), k = x.shape().dim(x.rank() - 1);
            long k2 = y.shape().dim(y.rank() - 2), n = y.shape().dim(y.rank() - 1);
            if (k != k2) {
                throw new ShapeException(name(), "contraction sizes differ: " + x + " has k=" + k + " but " + y + " has k=" + k2
                        + "; expected a[..., m, k] x b[..., k, n]");
            }
            Shape batch = Broadcasting.broadcast(name(), batchShape(x.shape()), batchShape(y.shape()));
            return new TensorType(x.dtype(), batch.insert(batch.rank(), m).insert(batch.rank() + 1, n));
        }

        private Shape batchShape(Shape s) {
            long[] d = new long[s.rank() - 2];
            for (int i = 0; i < d.length; i++) d[i] = s.dim(i);
            return Shape.of(d);
        }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }

        // Each cotangent is a matmul as large as the forward one: a data batch's is skipped.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] needsGrad) {
            T x = in.get(0), y = in.get(1);
            T gx = needs(needsGrad, 0) ? o.sumToShape(o.matmul(g, o.transposeLast2(y)), o.shape(x)) : null;
            T gy = needs(needsGrad, 1) ? o.sumToShape(o.matmul(o.transposeLast2(x), g), o.shape(y)) : null;
            return Arrays.asList(gx, gy);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.add(o.matmul(t.get(0), in.get(1)), o.matmul(in.get(0), t.get(1)));
        }

        /** Batch dimensions of matmul broadcast like elementwise operands, so the elementwise rule applies. */
        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            return Batching.elementwise(o, this, in, dims, a);
        }
    };

    /** Size of {@code n} elements with {@code d - 1} zeros between neighbours. */
    static long dilate(long n, long d) { return n == 0 ? 0 : (n - 1) * d + 1; }

    static final Primitive CONV = new ConvPrimitive();
}
