package dev.triad.eager;

import dev.triad.spi.backend.Views;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The view layouts the spi's {@link Views} computes, including reshapes of non-contiguous layouts. */
class ViewLayoutTest {
    private static Views.Layout reshape(long[] shape, long[] strides, long offset, long... to) {
        return Views.layoutOf(new TensorType(DType.F32, Shape.of(shape)), offset, strides, Prims.RESHAPE, Attrs.of(Keys.SHAPE, Shape.of(to)));
    }

    @Test
    void reshapeKeepsAViewWhenTheChunksAllowIt() {
        assertNull(reshape(new long[] {2, 3}, new long[] {1, 2}, 0, 6));                       // a transpose
        assertArrayEquals(new long[] {12, 6, 1}, reshape(new long[] {4, 3}, new long[] {6, 1}, 0, 2, 2, 3).strides());  // column slice
        assertNull(reshape(new long[] {4, 3}, new long[] {6, 1}, 0, 12));
        assertArrayEquals(new long[] {3, 1}, reshape(new long[] {2, 1, 3}, new long[] {3, 99, 1}, 0, 2, 3).strides());
        assertArrayEquals(new long[] {0, 0, 1}, reshape(new long[] {4, 3}, new long[] {0, 1}, 0, 2, 2, 3).strides());  // expanded
        assertNull(reshape(new long[] {4, 3}, new long[] {0, 1}, 0, 12));
        assertArrayEquals(new long[] {1, 1}, reshape(new long[] {}, new long[] {}, 5, 1, 1).strides());
        Views.Layout flipped = reshape(new long[] {3}, new long[] {-1}, 2, 3, 1);
        assertEquals(2, flipped.offset());
        assertEquals(-1, flipped.strides()[0]);
    }

    @Test
    void sliceFlipPermuteAndBroadcastLayouts() {
        TensorType t = new TensorType(DType.F32, Shape.of(4, 5));
        long[] c = {5, 1};
        Views.Layout s = Views.layoutOf(t, 0, c, Prims.SLICE, Attrs.builder().put(Keys.START, new long[] {1, 0})
                .put(Keys.STOP, new long[] {4, 5}).put(Keys.STEP, new long[] {2, 2}).build());
        assertEquals(5, s.offset());
        assertArrayEquals(new long[] {10, 2}, s.strides());
        assertEquals(Shape.of(2, 3), s.shape());
        Views.Layout f = Views.layoutOf(t, 0, c, Prims.FLIP, Attrs.of(Keys.AXES, new int[] {0, 1}));
        assertEquals(19, f.offset());
        assertArrayEquals(new long[] {-5, -1}, f.strides());
        assertArrayEquals(new long[] {1, 5}, Views.layoutOf(t, 0, c, Prims.PERMUTE, Attrs.of(Keys.PERM, new int[] {1, 0})).strides());
        assertArrayEquals(new long[] {0, 5, 1},
                Views.layoutOf(t, 0, c, Prims.BROADCAST_TO, Attrs.of(Keys.SHAPE, Shape.of(3, 4, 5))).strides());
        assertNull(Views.layoutOf(t, 0, c, Prims.PAD, Attrs.EMPTY));
    }
}
