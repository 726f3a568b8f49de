package dev.triad.functional;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.Shape;

import java.util.List;
import java.util.function.Function;

/**
 * Full Jacobians of array functions: forward mode maps {@code jvp} over the standard basis of
 * the input ({@code vmap} of the tangent), reverse mode maps the pullback over the basis of the
 * output. Both give {@code out.shape + in.shape}.
 */
final class Jacobians {
    private Jacobians() {}

    static Array jacfwd(Function<Array, Array> f, Array x) {
        requireFloating("jacfwd", x);
        try (Frame frame = Frame.enter()) {
            long n = x.size();
            Array basis = ArrayOps.OPS.reshape(np.eye(n, x.dtype()), x.shape().insert(0, n));
            Fn push = args -> Diff.jvp(a -> f.apply((Array) a[0]), new Object[] {x}, new Object[] {args[0]}).tangentOut();
            Array j = asArray("jacfwd", Vmap.call(push, List.of(0), -1, new Object[] {basis}));
            Shape out = j.shape().without(j.ndim() - 1);
            return frame.escape(ArrayOps.OPS.reshape(j, concat(out, x.shape())));
        }
    }

    static Array jacrev(Function<Array, Array> f, Array x) {
        requireFloating("jacrev", x);
        try (Frame frame = Frame.enter(); Vjp<Object, List<Object>> v = Diff.vjp(a -> f.apply((Array) a[0]), new Object[] {x})) {
            Array out = asArray("jacrev", v.out());
            long m = out.size();
            Array basis = ArrayOps.OPS.reshape(np.eye(m, out.dtype()), out.shape().insert(0, m));
            Fn pull = args -> v.pullback(args[0]).get(0);
            Array j = asArray("jacrev", Vmap.call(pull, List.of(0), 0, new Object[] {basis}));
            return frame.escape(ArrayOps.OPS.reshape(j, concat(out.shape(), x.shape())));
        }
    }

    private static Shape concat(Shape a, Shape b) {
        long[] d = new long[a.rank() + b.rank()];
        for (int i = 0; i < a.rank(); i++) d[i] = a.dim(i);
        for (int i = 0; i < b.rank(); i++) d[a.rank() + i] = b.dim(i);
        return Shape.of(d);
    }

    private static void requireFloating(String op, Array x) {
        if (!x.dtype().isFloating()) throw new DTypeException(op, "the input has type " + x.type() + "; expected a floating type");
    }

    private static Array asArray(String op, Object o) {
        if (o instanceof Array a) return a;
        throw new TriadException(op, "the function returned " + (o == null ? "null" : o.getClass().getSimpleName()) + "; expected one Array");
    }
}
