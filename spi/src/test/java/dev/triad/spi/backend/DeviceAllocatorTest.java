package dev.triad.spi.backend;

import dev.triad.spi.error.OutOfDeviceMemoryException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceAllocatorTest {
    /** An allocator over heap byte arrays that counts raw calls. */
    static final class HeapAllocator extends DeviceAllocator {
        final List<Object> freed = new ArrayList<>();
        int rawAllocations;

        HeapAllocator(long limit) { super("heap:0", limit); }

        @Override protected Object allocateRaw(long bytes) {
            rawAllocations++;
            return new byte[(int) bytes];
        }

        @Override protected void freeRaw(Object handle, long bytes) { freed.add(handle); }
    }

    @Test
    void sizeClassesHaveFourStepsPerOctave() {
        assertEquals(256, DeviceAllocator.sizeClass(1));
        assertEquals(256, DeviceAllocator.sizeClass(256));
        assertEquals(320, DeviceAllocator.sizeClass(257));
        assertEquals(1024, DeviceAllocator.sizeClass(1024));
        assertEquals(1280, DeviceAllocator.sizeClass(1025));
        for (long n = 1; n < 1 << 20; n = n * 3 + 1) {
            long c = DeviceAllocator.sizeClass(n);
            assertTrue(c >= n && c <= Math.max(256, n * 1.26), n + " -> " + c);
        }
    }

    @Test
    void releasedBlocksAreReusedAndCounted() {
        HeapAllocator a = new HeapAllocator(Long.MAX_VALUE);
        Buffer b1 = Buffer.allocate(a, 1000);
        assertEquals(1000, a.stats().liveBytes());
        b1.retain();
        b1.release();
        assertEquals(1, a.stats().liveBlocks());
        b1.release();
        assertEquals(0, a.stats().liveBytes());
        Buffer b2 = Buffer.allocate(a, 900);
        assertEquals(1, a.rawAllocations, "same size class must reuse the cached block");
        assertEquals(1, a.stats().cacheHits());
        assertEquals(1000, a.stats().peakLiveBytes());
        b2.release();
        a.emptyCache();
        assertEquals(0, a.stats().reservedBytes());
        assertEquals(1, a.freed.size());
    }

    @Test
    void outOfMemoryIsTypedAndCarriesStats() {
        HeapAllocator a = new HeapAllocator(4096);
        Buffer keep = Buffer.allocate(a, 4000);
        OutOfDeviceMemoryException e = assertThrows(OutOfDeviceMemoryException.class, () -> Buffer.allocate(a, 4000));
        assertTrue(e.getMessage().contains("live 4000 B"), e.getMessage());
        keep.release();
        Buffer.allocate(a, 4000).release();
    }

    @Test
    void anUnreleasedBufferIsReclaimedByTheCleanerAndCountedAsALeak() throws InterruptedException {
        HeapAllocator a = new HeapAllocator(Long.MAX_VALUE);
        allocateAndDrop(a);
        for (int i = 0; i < 100 && a.stats().leakReclaims() == 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, a.stats().leakReclaims());
        assertEquals(0, a.stats().liveBytes());
    }

    private static void allocateAndDrop(DeviceAllocator a) {
        Buffer.allocate(a, 123);
    }
}
