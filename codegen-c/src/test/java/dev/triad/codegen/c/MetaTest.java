package dev.triad.codegen.c;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Host-side packing of the index metadata, which the kernels' struct layouts must match. */
class MetaTest {
    private static final int R = Limits.MAX_RANK;

    @Test
    void contiguousOperandsOfAnyRankBecomeOneDimension() {
        long[] dims = {2, 3, 4};
        long[] m = ElementwiseMeta.pack("t", dims, List.of(Strided.contiguous(dims), Strided.contiguous(dims)), 2);
        assertEquals(ElementwiseMeta.length(2), m.length);
        assertEquals(1, m[0], "rank");
        assertEquals(24, m[1], "n");
        assertEquals(1, m[2], "flat");
        assertEquals(24, m[3], "dims[0]");
        assertEquals(1, m[3 + R + 2], "st[0][0]");
        assertEquals(1, m[3 + R + 2 + R], "st[1][0]");
    }

    @Test
    void broadcastTransposeAndOffsetsAreKept() {
        long[] dims = {3, 4};
        Strided out = Strided.contiguous(dims);
        Strided row = new Strided(5, new long[] {0, 1});    // a [4] row broadcast over 3 rows, starting at element 5
        Strided tr = new Strided(0, new long[] {1, 3});     // a transposed [4, 3]
        long[] m = ElementwiseMeta.pack("t", dims, List.of(out, row, tr), 3);
        assertEquals(2, m[0], "nothing merges: the transposed operand is not back to back");
        assertEquals(0, m[2], "not flat");
        assertArrayEquals(new long[] {0, 5, 0}, java.util.Arrays.copyOfRange(m, 3 + R, 3 + R + 3), "offsets");
        int st = 3 + R + 3;
        assertArrayEquals(new long[] {4, 1}, java.util.Arrays.copyOfRange(m, st, st + 2));
        assertArrayEquals(new long[] {0, 1}, java.util.Arrays.copyOfRange(m, st + R, st + R + 2));
        assertArrayEquals(new long[] {1, 3}, java.util.Arrays.copyOfRange(m, st + 2 * R, st + 2 * R + 2));
    }

    @Test
    void scalarsAndSizeOneDimensions() {
        long[] m = ElementwiseMeta.pack("t", new long[0], List.of(new Strided(0, new long[0]), new Strided(7, new long[0])), 2);
        assertEquals(1, m[0]);
        assertEquals(1, m[1]);
        assertEquals(1, m[3]);
        long[] ones = ElementwiseMeta.pack("t", new long[] {1, 5, 1}, List.of(new Strided(0, new long[] {5, 1, 1}), new Strided(0, new long[] {99, 2, 99})), 2);
        assertEquals(1, ones[0], "size-1 dimensions are dropped whatever their strides");
        assertEquals(2, ones[3 + R + 2 + R], "operand 1 keeps stride 2");
        assertEquals(0, ones[2], "stride 2 is not flat");
        long[] scalar = ElementwiseMeta.pack("t", new long[] {6}, List.of(Strided.contiguous(new long[] {6}), new Strided(4, new long[] {0})), 2);
        assertEquals(1, scalar[2], "a broadcast element keeps the flat path");
    }

    @Test
    void tooManyDimensionsAreRefusedWithTheLimit() {
        long[] dims = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        long[] st = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // reversed: nothing merges
        dev.triad.spi.error.UnsupportedOpException e = assertThrows(dev.triad.spi.error.UnsupportedOpException.class,
                () -> ElementwiseMeta.pack("add", dims, List.of(Strided.contiguous(dims), new Strided(0, st)), 2));
        assertEquals(true, e.getMessage().contains("at most " + R));
    }

    @Test
    void reductionsSplitKeptAndReducedDimensions() {
        long[] dims = {2, 3, 4};
        long[] m = ReductionMeta.pack("sum", dims, Strided.contiguous(dims), new boolean[] {false, true, true});
        assertEquals(1, m[0], "one kept dimension");
        assertEquals(1, m[1], "the reduced [3, 4] is contiguous: one dimension");
        assertEquals(2, m[2], "nout");
        assertEquals(12, m[3], "nred");
        assertEquals(12, m[5 + R], "kept stride");
        long[] arg = ReductionMeta.packAxis("argmax", dims, Strided.contiguous(dims), 1);
        assertEquals(1, arg[1]);
        assertEquals(3, arg[3]);
        assertEquals(4, arg[5 + 3 * R], "stride along the axis");
        assertEquals(2, arg[0], "the kept [2, _, 4] stay two dimensions: strides 12 and 1 are not back to back");
    }
}
