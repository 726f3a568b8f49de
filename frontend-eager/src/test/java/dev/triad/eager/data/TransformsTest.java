package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransformsTest {
    /** [C=2, H=2, W=3] with values 0..11. */
    private static HostArray image() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) v[i] = i;
        return HostArray.fromFloats(DType.F32, Shape.of(2, 2, 3), v);
    }

    @Test
    void normalizePerChannel() {
        HostArray out = new Normalize(new float[] {1, 6}, new float[] {2, 0.5f}).apply(image(), new SplittableRandom(0));
        assertArrayEquals(new float[] {-0.5f, 0, 0.5f, 1, 1.5f, 2, 0, 2, 4, 6, 8, 10}, out.toFloats(), 1e-6f);
        HostArray same = new Normalize(0.5f, 0.5f).apply(image(), new SplittableRandom(0));
        assertEquals(-1f, same.toFloats()[0], 1e-6f);
        assertThrows(DTypeException.class, () -> new Normalize(0, 1).apply(HostArray.zeros(DType.U8, Shape.of(1, 2, 2)), new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(0, 0));
    }

    @Test
    void horizontalFlipMirrorsEachRow() {
        HostArray flipped = new RandomHorizontalFlip(1.0).apply(image(), new SplittableRandom(0));
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9}, flipped.toFloats());
        assertArrayEquals(image().toFloats(), new RandomHorizontalFlip(0.0).apply(image(), new SplittableRandom(0)).toFloats());
        int flips = 0;
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) if (new RandomHorizontalFlip().apply(image(), r).toFloats()[0] == 2) flips++;
        assertEquals(500, flips, 60, "about half flip");
    }

    @Test
    void cropWithoutPaddingAtFullSizeIsTheIdentity() {
        assertArrayEquals(image().toFloats(), new RandomCrop(2, 3, 0).apply(image(), new SplittableRandom(1)).toFloats());
    }

    @Test
    void cropWithPaddingShiftsTheImageAndFillsZeros() {
        HostArray one = HostArray.fromFloats(DType.F32, Shape.of(1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        boolean sawShift = false;
        for (int seed = 0; seed < 50; seed++) {
            float[] out = new RandomCrop(3, 1).apply(one, new SplittableRandom(seed)).toFloats();
            assertEquals(9, out.length);
            // Every output is the image shifted by (dy, dx) in [-1, 1]^2 with zeros coming in.
            boolean matched = false;
            for (int dy = -1; dy <= 1 && !matched; dy++) {
                for (int dx = -1; dx <= 1 && !matched; dx++) {
                    float[] expect = new float[9];
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 3; x++) {
                            int sy = y + dy, sx = x + dx;
                            expect[y * 3 + x] = sy >= 0 && sy < 3 && sx >= 0 && sx < 3 ? one.toFloats()[sy * 3 + sx] : 0;
                        }
                    }
                    matched = java.util.Arrays.equals(expect, out);
                    if (matched && (dy != 0 || dx != 0)) sawShift = true;
                }
            }
            assertEquals(true, matched, "seed " + seed);
        }
        assertEquals(true, sawShift);
    }

    @Test
    void theSameGeneratorSeedGivesTheSameAugmentation() {
        Transform t = new RandomCrop(2, 3, 2).andThen(new RandomHorizontalFlip());
        assertArrayEquals(t.apply(image(), new SplittableRandom(9)).toFloats(), t.apply(image(), new SplittableRandom(9)).toFloats());
        boolean differs = false;
        for (int s = 0; s < 10 && !differs; s++) {
            differs = !java.util.Arrays.equals(t.apply(image(), new SplittableRandom(9)).toFloats(), t.apply(image(), new SplittableRandom(s + 100)).toFloats());
        }
        assertNotEquals(false, differs);
    }
}
