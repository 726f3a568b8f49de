package dev.triad.functional;

import static dev.triad.functional.Transforms.grad;
import static dev.triad.functional.Transforms.jit;
import static dev.triad.functional.Transforms.vmap;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

class VmapTest {
    private static Array data(long... shape) {
        int n = (int) Shape.of(shape).numel();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.sin(1.3 * i + 0.2) * 2;
        return np.array(v, shape);
    }

    /** {@code f} applied to each slice along axis 0, stacked. */
    private static Array loop(Function<Array, Array> f, Array xs) {
        List<Array> out = new ArrayList<>();
        for (long i = 0; i < xs.shape().dim(0); i++) out.add(f.apply(np.index(xs, i)));
        return np.stack(out, 0);
    }

    @Test
    void mapsLikeALoop() {
        Array w = data(4, 3);
        List<Function<Array, Array>> fs = List.of(
                x -> np.tanh(np.matmul(w, x)),
                x -> np.sum(np.square(x), new int[] {0}, true),
                x -> nn.softmax(np.reshape(x, 1, 4)),
                x -> np.transpose(np.outer(x, x)),
                x -> nn.logsumexp(x),
                x -> np.concatenate(List.of(x, np.flip(x, 0)), 0),
                x -> np.where(np.greater(x, 0.0), x, np.multiply(x, 0.1)));
        Array xs = data(5, 4);
        Array xs3 = data(5, 3);
        for (int i = 0; i < fs.size(); i++) {
            Array in = i == 0 ? xs3 : xs;
            Check.same(loop(fs.get(i), in), vmap(fs.get(i)).apply(in), 1e-12);
        }
    }

    @Test
    void axesAndUnbatchedArguments() {
        Array a = data(3, 5);
        Array b = data(3);
        BiFunction<Array, Array, Array> dot = (x, y) -> np.sum(np.multiply(x, y));
        // map over axis 1 of a, not over b
        Array r = vmap(dot, 1, null).apply(a, b);
        double[] expected = new double[5];
        double[] av = a.toDoubleArray(), bv = b.toDoubleArray();
        for (int j = 0; j < 5; j++) for (int i = 0; i < 3; i++) expected[j] += av[i * 5 + j] * bv[i];
        Check.close(expected, r, 1e-12, 5);
        // out axis 1: [3] results stacked as columns
        Array cols = vmap((Array x) -> np.multiply(x, 2.0), 0, 1).apply(data(4, 3));
        Check.same(np.transpose(np.multiply(data(4, 3), 2.0)), cols, 1e-12);
        // an unbatched output is broadcast along the mapped axis
        Array c = vmap((Array x) -> b, 0, 0).apply(data(2, 7));
        Check.same(np.stack(List.of(b, b), 0), c, 0);
    }

    @Test
    void nestedVmapBuildsAnOuterProduct() {
        Array x = data(3), y = data(4);
        BiFunction<Array, Array, Array> mul = np::multiply;
        Function<Array, Array> row = xi -> vmap(mul, null, 0).apply(xi, y);
        Check.same(np.outer(x, y), vmap(row).apply(x), 1e-12);
    }

    @Test
    void perExampleGradients() {
        Array w = data(3);
        Array xs = data(6, 3), ys = data(6);
        BiFunction<Array, Array, Array> loss = (wt, xy) -> {
            Array x = np.sliceAxis(xy, 0, 0, 3);
            Array y = np.index(xy, 3);
            return np.square(np.subtract(np.dot(x, wt), y));
        };
        Array xy = np.concatenate(List.of(xs, np.reshape(ys, 6, 1)), 1);
        Array perExample = vmap(grad(loss), null, 0).apply(w, xy);
        List<Array> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) rows.add(grad(loss).apply(w, np.index(xy, i)));
        Check.same(np.stack(rows, 0), perExample, 1e-12);
        Check.same(np.stack(rows, 0), jit(vmap(grad(loss), null, 0)).apply(w, xy), 1e-12);
    }

    @Test
    void batchedKeysGiveTheirOwnStreams() {
        Array keys = random.splitArray(random.key(3), 4);
        Array draws = vmap((Array k) -> random.uniform(new Key(k), 5)).apply(keys);
        List<Array> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(random.uniform(new Key(np.index(keys, i)), 5));
        Check.same(np.stack(rows, 0), draws, 0);
    }

    @Test
    void errorsNameTheUsersShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> vmap((Array x, Array y) -> np.add(x, y)).apply(data(3, 2), data(4, 2)));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        ShapeException m = assertThrows(ShapeException.class, () -> vmap((Array x) -> np.matmul(x, x)).apply(data(5, 2, 3)));
        assertTrue(m.getMessage().contains("matmul") && m.getMessage().contains("[2,3]"), m.getMessage());
    }
}
