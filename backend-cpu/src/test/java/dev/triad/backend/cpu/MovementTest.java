package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.view;

class MovementTest {
    @Test
    void reshapeOfATransposedViewFollowsItsRowMajorOrder() {
        try (DeviceArray x = iota(DType.I32, 2, 3)) {
            DeviceArray t = view(x, 0, new long[] {3, 2}, new long[] {1, 3});
            DeviceArray r = run(Prims.RESHAPE, Attrs.of(Keys.SHAPE, Shape.of(6)), t);
            assertValues(new double[] {0, 3, 1, 4, 2, 5}, r);
            CpuTesting.close(t, r);
        }
    }

    @Test
    void permuteSliceFlipAndBroadcast() {
        try (DeviceArray x = iota(DType.F16, 2, 3)) {
            DeviceArray p = run(Prims.PERMUTE, Attrs.of(Keys.PERM, new int[] {1, 0}), x);
            assertValues(new double[] {0, 3, 1, 4, 2, 5}, p);
            DeviceArray s = run(Prims.SLICE, Attrs.of(Keys.START, new long[] {0, 1}, Keys.STOP, new long[] {2, 3}, Keys.STEP, new long[] {1, 2}), x);
            assertValues(new double[] {1, 4}, s);
            DeviceArray f = run(Prims.FLIP, Attrs.of(Keys.AXES, new int[] {0, 1}), x);
            assertValues(new double[] {5, 4, 3, 2, 1, 0}, f);
            DeviceArray b = run(Prims.BROADCAST_TO, Attrs.of(Keys.SHAPE, Shape.of(2, 2, 3)), x);
            assertValues(new double[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, b);
            CpuTesting.close(p, s, f, b);
        }
    }

    @Test
    void padWithInteriorAndNegativeCrop() {
        try (DeviceArray x = iota(DType.F32, 3)) {
            // [0, 1, 2] interior 1 -> [0, 9, 1, 9, 2]; low -1 crops the 0; high 2 appends two 9s.
            DeviceArray p = run(Prims.PAD, Attrs.builder().put(Keys.LOW, new long[] {-1}).put(Keys.HIGH, new long[] {2})
                    .put(Keys.INTERIOR, new long[] {1}).put(Keys.VALUE, 9.0).build(), x);
            assertValues(new double[] {9, 1, 9, 2, 9, 9}, p);
            p.close();
        }
        try (DeviceArray x = iota(DType.I64, 2, 2)) {
            DeviceArray p = run(Prims.PAD, Attrs.builder().put(Keys.LOW, new long[] {1, 0}).put(Keys.HIGH, new long[] {0, -1})
                    .put(Keys.INTERIOR, new long[] {0, 0}).put(Keys.VALUE, -1.0).build(), x);
            assertValues(new double[] {-1, 0, 2}, p);
            p.close();
        }
    }

    @Test
    void concatAlongTheMiddleAxisOfStridedInputs() {
        try (DeviceArray a = iota(DType.BF16, 2, 1, 2); DeviceArray b0 = iota(DType.BF16, 2, 2, 2)) {
            DeviceArray b = view(b0, 7, new long[] {2, 2, 2}, new long[] {-4, -2, -1});
            DeviceArray c = run(Prims.CONCAT, Attrs.of(Keys.AXIS, 1), a, b);
            assertValues(new double[] {0, 1, 7, 6, 5, 4, 2, 3, 3, 2, 1, 0}, c);
            CpuTesting.close(b, c);
        }
    }
}
