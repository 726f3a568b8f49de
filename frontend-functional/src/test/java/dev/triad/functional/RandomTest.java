package dev.triad.functional;

import static dev.triad.functional.Transforms.jit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.types.DType;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

class RandomTest {
    @Test
    void keysAndSplitsMatchJax() {
        Key k = random.key(0);
        assertArrayEquals(new long[] {0, 0}, k.data().toLongArray());
        List<Key> ks = random.split(k);
        assertArrayEquals(new long[] {(int) 4146024105L, 967050713}, ks.get(0).data().toLongArray());
        assertArrayEquals(new long[] {(int) 2718843009L, 1272950319}, ks.get(1).data().toLongArray());
    }

    @Test
    void samplersHaveTheRightRangeAndMoments() {
        Key k = random.key(42);
        double[] u = random.uniform(k, 20000).toDoubleArray();
        assertTrue(Arrays.stream(u).allMatch(v -> v >= 0 && v < 1));
        assertEquals(0.5, Arrays.stream(u).average().orElseThrow(), 0.01);
        double[] n = random.normal(random.foldIn(k, 1), 20000).toDoubleArray();
        double mean = Arrays.stream(n).average().orElseThrow();
        double var = Arrays.stream(n).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0, mean, 0.03);
        assertEquals(1, var, 0.03);
        double ones = Arrays.stream(random.bernoulli(k, 0.3, 10000).toDoubleArray()).sum();
        assertEquals(3000, ones, 150);
        double[] ri = random.randint(k, dev.triad.spi.types.Shape.of(1000), -2, 3).toDoubleArray();
        assertTrue(Arrays.stream(ri).allMatch(v -> v >= -2 && v < 3 && v == Math.rint(v)));
        Array c = random.categorical(k, np.log(np.broadcastTo(np.array(new float[] {0.7f, 0.2f, 0.1f}), 5000, 3)), 1);
        assertEquals(DType.I64, c.dtype());
        double zeros = Arrays.stream(c.toDoubleArray()).filter(v -> v == 0).count();
        assertEquals(3500, zeros, 150);
    }

    @Test
    void sameKeySameNumbersEverywhere() {
        Key k = random.key(7);
        Array eager = random.normal(k, 64);
        Array jitted = jit((Key key) -> random.normal(key, 64)).apply(k);
        Check.same(eager, jitted, 0);
        assertFalse(Arrays.equals(eager.toDoubleArray(), random.normal(random.foldIn(k, 3), 64).toDoubleArray()));
    }

    @Test
    void permutationsAgreeTracedAndConcrete() {
        Key k = random.key(11);
        long[] p = random.permutation(k, 50).toLongArray();
        long[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
        assertArrayEquals(p, jit((Key key) -> random.permutation(key, 50)).apply(k).toLongArray());
    }

    @Test
    void dropoutKeepsTheExpectedFraction() {
        Array x = np.ones(10000);
        double[] y = nn.dropout(random.key(5), 0.25, x).toDoubleArray();
        long kept = Arrays.stream(y).filter(v -> v != 0).count();
        assertEquals(7500, kept, 200);
        assertTrue(Arrays.stream(y).filter(v -> v != 0).allMatch(v -> Math.abs(v - 1 / 0.75) < 1e-6));
    }
}
