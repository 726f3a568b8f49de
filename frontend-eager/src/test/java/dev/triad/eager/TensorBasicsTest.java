package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TensorBasicsTest {
    @Test
    void printsLikePyTorch() {
        try (var _ = Scope.open()) {
            assertEquals("tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]])", Tensors.of(new float[][] {{1, 2.5f}, {3, 4}}).toString());
            assertEquals("tensor([1., 2., 3.])", Tensors.of(1, 2, 3).toString());
            assertEquals("tensor([1, 2, 3])", Tensors.arange(1, 4, 1).toString());
            assertEquals("tensor([ True, False])", Tensors.fromArray(new boolean[] {true, false}).toString());
            assertEquals("tensor(3.5000)", Tensors.scalar(3.5).toString());
            assertEquals("tensor([ 0.1000, -0.2500])", Tensors.of(0.1f, -0.25f).toString());
            assertEquals("tensor([1.0000e-05, 1.0000e+00])", Tensors.fromArray(new double[] {1e-5, 1}).toString().replace(", dtype=f64", ""));
            assertEquals("tensor([], size=(2, 0))", Tensors.zeros(2, 0).toString());
            assertEquals("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])",
                    Tensors.arange(0.0, 8.0, 1.0).reshape(2, 2, 2).toString());
            assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])",
                    Tensors.arange(0.0, 2000.0, 1.0).toString());
            assertEquals("tensor([1., 2.], dtype=f64, requires_grad=True)", Tensors.fromArray(new double[] {1, 2}).requiresGrad_().toString());
            Tensor x = Tensors.of(1, 2).requiresGrad_();
            assertEquals("tensor([2., 4.], grad_fn=<MulBackward>)", x.mul(2).toString());
            assertEquals("tensor([nan, inf, 1.])", Tensors.of(Float.NaN, Float.POSITIVE_INFINITY, 1).toString());
            assertEquals("tensor([1, 2], dtype=i32)", Tensors.fromArray(new int[] {1, 2}).toString());
        }
    }

    @Test
    void factoriesAndReadback() {
        try (var _ = Scope.open()) {
            assertEquals(DType.U8, Tensors.fromArray(new byte[] {(byte) 200, 1}).dtype());
            assertArrayEquals(new long[] {200, 1}, Tensors.fromArray(new byte[] {(byte) 200, 1}).toLongArray());
            for (DType d : DType.values()) {
                Tensor t = Tensors.fromArray(d, new double[] {0, 1, 1, 0}, 2, 2);
                assertEquals(d, t.dtype());
                assertEquals(Shape.of(2, 2), t.shape());
                assertArrayEquals(new double[] {0, 1, 1, 0}, t.toDoubleArray());
            }
            assertEquals(6.0, Tensors.ones(2, 3).sum().item());
            assertArrayEquals(new long[] {5, 3, 1}, Tensors.arange(5, 0, -2).toLongArray());
            assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensors.linspace(0, 1, 5).toFloatArray());
            assertArrayEquals(new float[] {1, 0, 0, 1}, Tensors.eye(2).toFloatArray());
            Tensor h = Tensor.fromHost(HostArray.fromFloats(DType.F32, Shape.of(3), 1, 2, 3));
            assertArrayEquals(new float[] {1, 2, 3}, h.toHost().toFloats());
            assertEquals(7L, Tensors.full(DType.I64, 7).itemLong());
            assertThrows(ShapeException.class, () -> Tensors.fromArray(new float[] {1, 2, 3}, 2, 2));
            assertArrayEquals(new float[] {1, 2, 5, 6, 3, 4, 7, 8},
                    Tensors.stack(1, List.of(Tensors.of(new float[][] {{1, 2}, {3, 4}}), Tensors.of(new float[][] {{5, 6}, {7, 8}}))).toFloatArray());
        }
    }

    @Test
    void numpyStyleIndexing() {
        try (var _ = Scope.open()) {
            Tensor x = Tensors.arange(24).reshape(2, 3, 4);
            assertEquals(Shape.of(2, 4), x.index(":, 1").shape());
            assertEquals(Shape.of(3, 1, 2), x.index("-1, ..., None, 1:3").shape());
            assertArrayEquals(new long[] {23, 21}, x.index("-1, -1, ::-2").toLongArray());
            assertArrayEquals(new long[] {11, 7, 3}, x.index("0, ::-1, 3").toLongArray());
            assertArrayEquals(new long[] {8, 4}, x.index("0, 2:0:-1, 0").toLongArray());
            assertEquals(0, x.index("0, 5:, 0").numel());
            assertArrayEquals(new long[] {13, 14}, x.index(Idx.at(1), Idx.at(0), Idx.slice(1, 3)).toLongArray());
            assertEquals(6L, x.get(0, 1, 2).itemLong());
            assertArrayEquals(new long[] {8, 9, 10, 11, 0, 1, 2, 3}, x.select(0, 0).indexSelect(0, Tensors.fromArray(new long[] {2, 0})).toLongArray());
            Tensor rows = Tensors.arange(6).reshape(3, 2);
            Tensor picked = rows.index(Tensors.fromArray(new long[] {2, 0, 1, 2}, 2, 2));
            assertEquals(Shape.of(2, 2, 2), picked.shape());
            assertArrayEquals(new long[] {4, 5, 0, 1, 2, 3, 4, 5}, picked.toLongArray());
            assertArrayEquals(new long[] {3, 4, 5}, rows.index(rows.gt(2)).toLongArray());
            assertArrayEquals(new long[] {0, 1, 4, 5}, rows.index(Tensors.fromArray(new boolean[] {true, false, true})).toLongArray());
            assertEquals(3, x.split(1, 1).size());
            assertEquals(2, x.chunk(2, 2).size());
            assertThrows(IndexOutOfRangeException.class, () -> x.select(1, 3));
            assertThrows(IndexOutOfRangeException.class, () -> x.index("0, 0, 0, 0"));
            assertThrows(IndexOutOfRangeException.class, () -> x.sum(3));
            assertEquals(5L, Tensors.of(3, 1, 4, 1, 5, 9, 2, 6).argmax().itemLong());
        }
    }

    @Test
    void randomNumbersAreReproducibleAndMatchThreefry() {
        try (var _ = Scope.open()) {
            float[] a = Tensors.rand(new Generator(7), 1000).toFloatArray();
            float[] b = Tensors.rand(new Generator(7), 1000).toFloatArray();
            assertArrayEquals(a, b);
            assertFalse(java.util.Arrays.equals(a, Tensors.rand(new Generator(8), 1000).toFloatArray()));
            double mean = 0;
            for (float v : a) {
                assertTrue(v >= 0 && v < 1);
                mean += v / a.length;
            }
            assertEquals(0.5, mean, 0.05);

            // The first draw of a generator uses the second half of split(PRNGKey(seed)).
            int[] sub = Threefry.split(Threefry.seedKey(7), 2)[1];
            int[] bits = Threefry.randomBits(sub, 1000);
            float[] expected = new float[4];
            for (int i = 0; i < 4; i++) expected[i] = (float) (((bits[i] & 0xFFFFFFFFL) >>> 8) * 0x1p-24);
            assertArrayEquals(expected, java.util.Arrays.copyOf(a, 4));

            double[] n = Tensors.randn(new Generator(3), DType.F64, 20000).toDoubleArray();
            double m = 0, v = 0;
            for (double d : n) m += d / n.length;
            for (double d : n) v += (d - m) * (d - m) / n.length;
            assertEquals(0, m, 0.03);
            assertEquals(1, v, 0.05);

            long[] perm = Tensors.randperm(new Generator(1), 10).toLongArray();
            long[] sorted = perm.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
            for (long r : Tensors.randint(new Generator(2), -3, 3, 100).toLongArray()) assertTrue(r >= -3 && r < 3);
        }
    }

    @Test
    void movesBetweenBackendsAndGradientsFollow() {
        try (Backend other = Backends.open("cpu")) {
            Tensor x = Tensors.fromArray(new double[] {1, 2}).requiresGrad_();
            try (var _ = Scope.open()) {
                Tensor y = x.to(other);
                assertSame(other, y.backend());
                assertSame(x, x.to(x.backend()));
                Tensor z = y.mul(y).sum();
                z.backward();
                assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray());
                assertSame(x.backend(), x.grad().backend());
                assertEquals(x.backend().defaultDevice(), x.device());
            }
            x.close();
        }
    }

    @Test
    void scopesCloseWhatTheyOwn() {
        Tensor kept;
        Tensor dropped;
        try (var _ = Scope.open()) {
            try (Scope inner = Scope.open()) {
                dropped = Tensors.ones(3);
                kept = inner.keep(Tensors.ones(3).mul(2));
            }
            assertTrue(dropped.isClosed());
            assertFalse(kept.isClosed());
            assertEquals(6.0, kept.sum().item());
        }
        assertTrue(kept.isClosed());
        Tensor escaped;
        try (var _ = Scope.open()) {
            escaped = Scope.escape(Tensors.ones(2));
        }
        assertFalse(escaped.isClosed());
        escaped.close();
        escaped.close();
        var e = assertThrows(dev.triad.spi.error.TriadException.class, escaped::sum);
        assertTrue(e.getMessage().contains("after close"), e.getMessage());
    }
}
