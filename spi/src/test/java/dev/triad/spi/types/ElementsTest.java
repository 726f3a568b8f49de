package dev.triad.spi.types;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElementsTest {
    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between two bf16 values (1 and 1 + 2^-7): ties go to the even one, 1.
        assertEquals(1.0f, Elements.bf16ToFloat(Elements.floatToBf16(1.0f + 0x1p-8f)));
        // 1 + 3 * 2^-8 lies between 1 + 2^-7 and 1 + 2^-6: ties to even gives 1 + 2^-6.
        assertEquals(1.0f + 0x1p-6f, Elements.bf16ToFloat(Elements.floatToBf16(1.0f + 3 * 0x1p-8f)));
        assertTrue(Float.isNaN(Elements.bf16ToFloat(Elements.floatToBf16(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, Elements.bf16ToFloat(Elements.floatToBf16(Float.POSITIVE_INFINITY)));
    }

    @Test
    void castsSaturateAndWrap() {
        assertEquals(0, Elements.roundTo(DType.I32, Double.NaN));
        assertEquals(Integer.MAX_VALUE, Elements.roundTo(DType.I32, 1e20));
        assertEquals(255, Elements.roundTo(DType.U8, 300.0));
        assertEquals(0, Elements.roundTo(DType.U8, -3.0));
        assertEquals(1, Elements.roundTo(DType.BOOL, -0.5));
        assertEquals(65504.0, Elements.roundTo(DType.F16, 65504.0));
    }
}
