package dev.triad.spi.random;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThreefryTest {
    private static void kat(int k0, int k1, int c0, int c1, int x0, int x1) {
        assertArrayEquals(new int[] {x0, x1}, Threefry.block(new int[] {k0, k1}, new int[] {c0, c1}),
                () -> String.format("key (%08x, %08x) counter (%08x, %08x)", k0, k1, c0, c1));
    }

    /** The published known-answer vectors of Threefry-2x32 with 20 rounds (Random123 kat_vectors). */
    @Test
    void blockMatchesKnownAnswers() {
        kat(0, 0, 0, 0, 0x6b200159, 0x99ba4efe);
        kat(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7);
        kat(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, 0xc4923a9c, 0x483df7a0);
    }

    @Test
    void seedKeyIsHighThenLowWord() {
        assertArrayEquals(new int[] {0, 42}, Threefry.seedKey(42));
        assertArrayEquals(new int[] {1, -1}, Threefry.seedKey(0x1_FFFF_FFFFL));
        assertArrayEquals(new int[] {-1, -1}, Threefry.seedKey(-1));
    }

    /** {@code jax.random.split(jax.random.PRNGKey(0))} as printed in JAX's documentation. */
    @Test
    void splitMatchesJax() {
        int[][] keys = Threefry.split(Threefry.seedKey(0), 2);
        assertArrayEquals(new int[] {(int) 4146024105L, 967050713}, keys[0]);
        assertArrayEquals(new int[] {(int) 2718843009L, 1272950319}, keys[1]);
    }

    @Test
    void bitsPairFirstHalfWithSecondHalf() {
        int[] key = {7, 9};
        // Even count: counters (0, 2) and (1, 3); outputs are the first words, then the second words.
        int[] even = Threefry.randomBits(key, 4);
        int[] p0 = Threefry.block(key, new int[] {0, 2});
        int[] p1 = Threefry.block(key, new int[] {1, 3});
        assertArrayEquals(new int[] {p0[0], p1[0], p0[1], p1[1]}, even);
        // Odd count: a zero counter pads the second half and the last output is dropped.
        int[] odd = Threefry.randomBits(key, 3);
        int[] q0 = Threefry.block(key, new int[] {0, 2});
        int[] q1 = Threefry.block(key, new int[] {1, 0});
        assertArrayEquals(new int[] {q0[0], q1[0], q0[1]}, odd);
        assertEquals(0, Threefry.randomBits(key, 0).length);
    }

    @Test
    void anySplitOfThePairRangeGivesTheSameBits() {
        int[] key = Threefry.seedKey(1234);
        int n = 1001;
        int[] whole = Threefry.randomBits(key, n);
        int[] pieces = new int[n];
        long h = Threefry.pairCount(n);
        List<long[]> ranges = new ArrayList<>(List.of(new long[] {0, 17}, new long[] {17, 300}, new long[] {300, h}));
        for (long[] r : ranges) Threefry.randomBits(key[0], key[1], n, r[0], r[1], (i, v) -> pieces[(int) i] = v);
        assertArrayEquals(whole, pieces);
        assertEquals(n, Arrays.stream(whole).distinct().count(), "1001 words of a good generator do not collide");
    }

    @Test
    void rejectsMalformedKeys() {
        assertThrows(IllegalArgumentException.class, () -> Threefry.randomBits(new int[] {1}, 4));
        assertThrows(IllegalArgumentException.class, () -> Threefry.randomBits(1, 2, 4, 0, 3, (i, v) -> {}));
    }
}
