package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.longs;
import static dev.triad.backend.cpu.CpuTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CreationTest {
    @Test
    void fullConvertsTheValueAsACastDoes() {
        DeviceArray f = run(Prims.FULL, Attrs.of(Keys.SHAPE, Shape.of(2, 3), Keys.DTYPE, DType.BF16, Keys.VALUE, 1.0 / 3));
        double expected = (double) dev.triad.spi.types.Elements.roundTo(DType.BF16, 1.0 / 3);
        assertValues(new double[] {expected, expected, expected, expected, expected, expected}, f);
        DeviceArray i = run(Prims.FULL, Attrs.of(Keys.SHAPE, Shape.of(3), Keys.DTYPE, DType.I64, Keys.VALUE, -2.7));
        assertArrayEquals(new long[] {-2, -2, -2}, longs(i));
        CpuTesting.close(f, i);
    }

    @Test
    void iotaCountsAlongTheAxis() {
        DeviceArray a = run(Prims.IOTA, Attrs.of(Keys.SHAPE, Shape.of(2, 3), Keys.DTYPE, DType.I32, Keys.AXIS, 0));
        DeviceArray b = run(Prims.IOTA, Attrs.of(Keys.SHAPE, Shape.of(2, 3), Keys.DTYPE, DType.F32, Keys.AXIS, 1));
        assertArrayEquals(new long[] {0, 0, 0, 1, 1, 1}, longs(a));
        assertValues(new double[] {0, 1, 2, 0, 1, 2}, b);
        CpuTesting.close(a, b);
    }

    @Test
    void randomBitsAreThreefrysBitsWhateverTheSplit() {
        int[] key = Threefry.seedKey(2024);
        try (DeviceArray k = array(DType.I32, new long[] {2}, key[0], key[1])) {
            for (int n : new int[] {1, 5, 300_001}) {
                DeviceArray bits = run(Prims.RANDOM_BITS, Attrs.of(Keys.SHAPE, Shape.of(n)), k);
                assertEquals(DType.I32, bits.dtype());
                long[] got = longs(bits);
                int[] expected = Threefry.randomBits(key, n);
                for (int i = 0; i < n; i++) assertEquals(expected[i], got[i], "element " + i + " of " + n);
                bits.close();
            }
            // The split of JAX's documentation: split(PRNGKey(0)) through the kernel.
            try (DeviceArray zero = array(DType.I32, new long[] {2}, 0, 0);
                 DeviceArray s = run(Prims.RANDOM_BITS, Attrs.of(Keys.SHAPE, Shape.of(2, 2)), zero)) {
                assertArrayEquals(new long[] {(int) 4146024105L, 967050713, (int) 2718843009L, 1272950319}, longs(s));
            }
        }
    }
}
