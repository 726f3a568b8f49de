package dev.triad.backend.cpu;

import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.MemoryStats;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorTest {
    @Test
    void liveBytesReturnToZeroAfterClosingEveryArray() {
        CpuBackend backend = new CpuBackend(KernelTable.standard(), CpuThreads.shared());
        DeviceArray x = backend.upload(dev.triad.spi.backend.HostArray.fromDoubles(DType.F32, dev.triad.spi.types.Shape.of(1000), new double[1000]));
        DeviceArray view = x.view(10, dev.triad.spi.types.Shape.of(5), new long[] {2});
        DeviceArray y = dev.triad.spi.backend.Dispatch.execute(backend, Prims.EXP, Attrs.EMPTY, java.util.List.of(view));
        assertEquals(2, backend.allocator().stats().liveBlocks());
        x.close();
        assertEquals(2, backend.allocator().stats().liveBlocks(), "the view still holds the storage");
        view.close();
        y.close();
        MemoryStats s = backend.allocator().stats();
        assertEquals(0, s.liveBytes());
        assertEquals(0, s.liveBlocks());
        backend.close();
        assertEquals(0, backend.allocator().stats().reservedBytes(), "close hands the cache back");
    }

    @Test
    void blocksAreAlignedOffHeapSegments() {
        try (DeviceArray x = iota(DType.F64, 3)) {
            MemorySegment seg = (MemorySegment) x.buffer().handle();
            assertTrue(seg.isNative());
            assertEquals(0, seg.address() % CpuAllocator.ALIGNMENT);
        }
    }

    @Test
    void aDroppedBufferIsReclaimedAndCountedAsALeak() throws InterruptedException {
        CpuBackend backend = new CpuBackend(KernelTable.standard(), CpuThreads.shared());
        dropOne(backend);
        for (int i = 0; i < 200 && backend.allocator().stats().leakReclaims() == 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        MemoryStats s = backend.allocator().stats();
        assertEquals(1, s.leakReclaims());
        assertEquals(0, s.liveBytes());
    }

    private static void dropOne(CpuBackend backend) {
        Buffer b = Buffer.allocate(backend.allocator(), 4096);
        assertEquals(4096, backend.allocator().stats().liveBytes());
        assertTrue(b.refCount() == 1);
    }

    @Test
    void resultsOfFailedKernelsAndOfEveryOpAreAccounted() {
        long before = CpuTesting.BACKEND.allocator().stats().liveBytes();
        try (DeviceArray x = iota(DType.F32, 4, 4)) {
            DeviceArray y = run(Prims.TANH, Attrs.EMPTY, x);
            y.close();
        }
        assertEquals(before, CpuTesting.BACKEND.allocator().stats().liveBytes());
    }
}
