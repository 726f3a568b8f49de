package dev.triad.spi.types;

import org.junit.jupiter.api.Test;

import static dev.triad.spi.types.DType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PromotionTest {
    @Test
    void followsNumpyTable() {
        assertEquals(F32, Promotion.promote(F32, F32));
        assertEquals(F64, Promotion.promote(F32, F64));
        assertEquals(F32, Promotion.promote(BF16, F16));
        assertEquals(BF16, Promotion.promote(BF16, BOOL));
        assertEquals(F32, Promotion.promote(I64, F32));
        assertEquals(I64, Promotion.promote(I32, I64));
        assertEquals(I32, Promotion.promote(U8, I32));
        assertEquals(U8, Promotion.promote(U8, BOOL));
        assertEquals(F16, Promotion.promote(I32, F16));
    }

    @Test
    void javaScalarsAreWeak() {
        assertEquals(F32, Promotion.withFloatScalar(F32));
        assertEquals(BF16, Promotion.withFloatScalar(BF16));
        assertEquals(F32, Promotion.withFloatScalar(I32));
        assertEquals(I32, Promotion.withIntScalar(I32));
        assertEquals(I64, Promotion.withIntScalar(BOOL));
    }
}
