package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.BACKEND;
import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexingTest {
    @Test
    void gatherTakesAlongTheAxis() {
        try (DeviceArray x = iota(DType.F32, 2, 3); DeviceArray idx = array(DType.I64, new long[] {2, 2}, 2, 0, 1, 1)) {
            DeviceArray g = run(Prims.GATHER, Attrs.of(Keys.AXIS, 1), x, idx);
            assertValues(new double[] {2, 0, 4, 4}, g);
            g.close();
        }
        try (DeviceArray x = iota(DType.I32, 3, 2); DeviceArray idx0 = array(DType.I32, new long[] {2}, 2, 0)) {
            // Indices [[2, 0]] broadcast over nothing: a [1, 2] view of the same row.
            DeviceArray idx = view(idx0, 0, new long[] {1, 2}, new long[] {0, 1});
            DeviceArray g = run(Prims.GATHER, Attrs.of(Keys.AXIS, 0), x, idx);
            assertValues(new double[] {4, 1}, g);
            CpuTesting.close(idx, g);
        }
    }

    @Test
    void scatterAddAccumulatesRepeatedIndices() {
        try (DeviceArray x = array(DType.F64, new long[] {2, 3}, 1, 1, 1, 1, 1, 1);
             DeviceArray idx = array(DType.I32, new long[] {2, 2}, 0, 0, 2, 1);
             DeviceArray upd = array(DType.F64, new long[] {2, 2}, 10, 20, 30, 40)) {
            DeviceArray s = run(Prims.SCATTER_ADD, Attrs.of(Keys.AXIS, 1), x, idx, upd);
            assertValues(new double[] {31, 1, 1, 1, 41, 31}, s);
            s.close();
        }
    }

    @Test
    void outOfRangeIndexIsATypedErrorThatLeaksNothing() {
        try (DeviceArray x = iota(DType.F32, 2, 3); DeviceArray idx = array(DType.I64, new long[] {2, 1}, 1, 3);
             DeviceArray neg = array(DType.I64, new long[] {2, 1}, -1, 0);
             DeviceArray upd = array(DType.F32, new long[] {2, 1}, 5, 5)) {
            long live = BACKEND.allocator().stats().liveBytes();
            IndexOutOfRangeException e = assertThrows(IndexOutOfRangeException.class, () -> run(Prims.GATHER, Attrs.of(Keys.AXIS, 1), x, idx));
            assertEquals("gather", e.op());
            assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("axis 1 of size 3"), e.getMessage());
            IndexOutOfRangeException s = assertThrows(IndexOutOfRangeException.class,
                    () -> run(Prims.SCATTER_ADD, Attrs.of(Keys.AXIS, 1), x, neg, upd));
            assertEquals("scatter_add", s.op());
            assertTrue(s.getMessage().contains("index -1"), s.getMessage());
            assertEquals(live, BACKEND.allocator().stats().liveBytes(), "the result buffer of the failed op was released");
        }
    }
}
