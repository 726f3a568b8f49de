package dev.triad.spi.types;

import dev.triad.spi.error.ShapeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadcastingTest {
    @Test
    void alignsOnTheRight() {
        assertEquals(Shape.of(2, 3, 4), Broadcasting.broadcast("add", Shape.of(3, 1), Shape.of(2, 1, 4)));
        assertEquals(Shape.of(5), Broadcasting.broadcast("add", Shape.SCALAR, Shape.of(5)));
        assertEquals(Shape.of(0, 3), Broadcasting.broadcast("add", Shape.of(0, 1), Shape.of(3)));
    }

    @Test
    void incompatibleShapesNameTheOpAndDimension() {
        ShapeException e = assertThrows(ShapeException.class, () -> Broadcasting.broadcast("mul", Shape.of(2, 3), Shape.of(4)));
        assertTrue(e.getMessage().startsWith("mul: cannot broadcast shapes [2,3] and [4]"), e.getMessage());
        assertEquals("mul", e.op());
    }

    @Test
    void broadcastStridesAreZeroForStretchedDims() {
        assertArrayEquals(new long[] {0, 0, 1}, Broadcasting.broadcastStrides(Shape.of(1, 4), new long[] {4, 1}, Shape.of(2, 3, 4)));
        assertTrue(Broadcasting.broadcastsTo(Shape.of(3, 1), Shape.of(2, 3, 5)));
        assertFalse(Broadcasting.broadcastsTo(Shape.of(3, 2), Shape.of(3, 5)));
    }

    @Test
    void shapeTextRoundTrips() {
        for (String s : new String[] {"[]", "[0]", "[2,3,4]"}) assertEquals(s, Shape.parse(s).toString());
        assertEquals(TensorType.of(DType.BF16, 2, 3), TensorType.parse("bf16[2,3]"));
        assertArrayEquals(new long[] {12, 4, 1}, Shape.of(2, 3, 4).contiguousStrides());
    }
}
