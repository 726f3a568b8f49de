package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/**
 * Composites for parameter updates. {@code scaled_add} is the step of every optimizer
 * ({@code p += -lr * d}, momentum and moment updates): decomposed it is a multiply into a
 * temporary and an add, two passes over the parameter; a backend that fuses it makes one, and
 * written into the parameter's own storage ({@link dev.triad.spi.backend.Dispatch#executeInto})
 * it needs no buffer at all.
 */
final class Updates {
    private Updates() {}

    /**
     * scaled_add {alpha} (a, b) = {@code a + alpha * b}, rounded as its decomposition: the product
     * in the dtype, then the sum. b broadcasts to a's shape; floating dtypes. Batching comes from
     * the decomposition (an unbatched a must broadcast first).
     */
    static final Primitive SCALED_ADD = new Composite("scaled_add", 2, 2, List.of(Keys.ALPHA)) {
        @Override void validate(List<TensorType> in, Attrs a) {
            TensorType x = in.get(0), y = in.get(1);
            checkFloat("a", x);
            checkSameDType("b", y, x);
            Shape s = Broadcasting.broadcast(name(), x.shape(), y.shape());
            if (!s.equals(x.shape())) {
                throw new ShapeException(name(), "b " + y + " broadcasts a " + x + " to " + s
                        + "; expected b to broadcast to a's shape (the result has a's shape)");
            }
            double alpha = a.get(Keys.ALPHA);
            if (!Double.isFinite(alpha)) throw new AttributeException(name(), "alpha is " + alpha + "; expected a finite value");
        }

        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            return o.add(in.get(0), o.mul(in.get(1), a.get(Keys.ALPHA)));
        }

        @Override public boolean isPointwise() { return true; }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] needsGrad) {
            T ga = needs(needsGrad, 0) ? g : null;
            T gb = needs(needsGrad, 1) ? o.sumToShape(o.mul(g, a.get(Keys.ALPHA)), o.shape(in.get(1))) : null;
            return Arrays.asList(ga, gb);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.broadcastTo(o.add(t.get(0), o.mul(t.get(1), a.get(Keys.ALPHA))), o.shape(out));
        }
    };
}
