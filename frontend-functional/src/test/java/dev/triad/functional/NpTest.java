package dev.triad.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The NumPy namespace on concrete arrays: NumPy's semantics where they differ from the raw ops. */
class NpTest {
    private static final Array M = np.array(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void shapes() {
        assertEquals(Shape.of(3, 2), np.reshape(M, -1, 2).shape());
        assertEquals(Shape.of(3, 2), np.transpose(M).shape());
        assertEquals(Shape.of(2, 1, 3), np.expandDims(M, 1).shape());
        assertEquals(Shape.of(2, 3), np.squeeze(np.expandDims(M, -1)).shape());
        assertEquals(Shape.of(3, 2), np.moveaxis(np.expandDims(M, 0), 0, -1).reshape(3, 2).shape());
        Check.close(new double[] {1, 4, 2, 5, 3, 6}, np.swapaxes(M, 0, 1), 0, 3, 2);
        List<Array> parts = np.split(M, 3, 1);
        Check.close(new double[] {2, 5}, parts.get(1), 0, 2, 1);
        Check.close(new double[] {3, 2, 1, 6, 5, 4}, np.flip(M, 1), 0, 2, 3);
        Check.close(new double[] {0, 1, 2, 3, 0, 0, 4, 5, 6, 0}, np.pad(M, new long[] {0, 1}, new long[] {0, 1}, 0), 0, 2, 5);
        assertThrows(ShapeException.class, () -> np.reshape(M, -1, 4));
        assertThrows(ShapeException.class, () -> np.squeeze(M, 0));
    }

    @Test
    void indexing() {
        Check.close(new double[] {4, 5, 6}, np.index(M, 1), 0, 3);
        Check.close(new double[] {3, 1, 6, 4}, np.take(M, np.array(new int[] {2, 0}), 1), 0, 2, 2);
        Check.close(new double[] {4, 5, 6, 1, 2, 3}, np.take(M, np.array(new int[] {1, 0}), 0), 0, 2, 3);
        Check.close(new double[] {2, 4}, np.takeAlongAxis(M, np.array(new long[] {1, 0}, 2, 1), 1), 0, 2, 1);
        Check.close(new double[] {2, 3, 5, 6}, np.slice(M, new long[] {0, 1}, new long[] {2, 3}), 0, 2, 2);
    }

    @Test
    void arithmeticFollowsNumpy() {
        Array i = np.array(new int[] {1, 2, 3});
        Array d = np.divide(i, np.array(new int[] {2, 2, 2}));
        assertEquals(DType.F32, d.dtype(), "true division of integers gives the default float type");
        Check.close(new double[] {0.5, 1, 1.5}, d, 0, 3);
        assertEquals(DType.F32, np.add(np.ones(2), 2.5).dtype(), "Java scalars are weakly typed");
        Check.close(new double[] {-8, 1, 0.25}, np.power(np.array(new double[] {-2, 1, 2}), 3.0).mul(np.array(new double[] {1, 1, 1.0 / 32})), 1e-12, 3);
        Check.close(new double[] {0.25}, np.power(np.scalar(2.0, DType.F64), -2.0), 1e-12);
        Check.close(new double[] {1, 2, 2}, np.clip(i, 1, 2), 0, 3);
        Check.close(new double[] {0, 1, 1}, np.greater(i, 1.0), 0, 3);
        Check.close(new double[] {14, 32}, np.matmul(M, np.array(new double[] {1, 2, 3})), 1e-12, 2);
        Check.close(new double[] {9, 12, 15}, np.matmul(np.array(new double[] {1, 2}), M), 1e-12, 3);
        Check.close(new double[] {14}, np.dot(np.array(new double[] {1, 2, 3}), np.array(new double[] {1, 2, 3})), 1e-12);
    }

    @Test
    void reductions() {
        Check.close(new double[] {21}, np.sum(M), 1e-12);
        Check.close(new double[] {6, 15}, np.sum(M, 1), 1e-12, 2);
        Check.close(new double[] {2.5, 3.5, 4.5}, np.mean(M, new int[] {0}, false), 1e-12, 3);
        Check.close(new double[] {6}, np.max(M), 0);
        Check.close(new double[] {5}, np.argmax(M), 0);
        Check.close(new double[] {2, 2}, np.argmax(M, -1), 0, 2);
        Check.close(new double[] {35.0 / 12}, np.var(M), 1e-12);
        assertTrue(np.std(M, new int[] {1}, true, 1).shape().equals(Shape.of(2, 1)));
    }
}
