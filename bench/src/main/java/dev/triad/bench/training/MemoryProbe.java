package dev.triad.bench.training;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.MemoryStats;

import java.lang.management.ManagementFactory;

/**
 * Memory of one training step: device bytes from the backend's allocator (live before the
 * step, and the peak during it) and Java heap bytes allocated per step by all threads. Device
 * bytes are deterministic, so they are measured once rather than under JMH; the warm-up runs
 * for a while first because interpreted Vector API code allocates boxes that compiled code
 * does not, which would inflate the heap figure.
 */
public final class MemoryProbe {
    private MemoryProbe() {}

    /**
     * One step's memory.
     *
     * @param residentBytes device bytes live between steps (weights, optimizer state, batch, caches of the front-end)
     * @param peakBytes the most device bytes live at once during a step
     * @param heapBytesPerStep Java heap allocated per step, averaged (-1 when the JVM cannot count)
     * @param allocationsPerStep device allocations per step (from the caching allocator)
     * @param cacheHitRate the fraction of those the allocator's cache served
     */
    public record Use(long residentBytes, long peakBytes, long heapBytesPerStep, double allocationsPerStep, double cacheHitRate) {}

    /** Runs warm-up steps (at least two, for at least {@code warmupMillis}, at most 200), then {@code steps} measured ones. */
    public static Use measure(TrainStep step, Backend backend, int steps, long warmupMillis) {
        long end = System.nanoTime() + warmupMillis * 1_000_000;
        for (int i = 0; i < 200 && (i < 2 || System.nanoTime() < end); i++) step.step();
        DeviceAllocator alloc = backend.allocator();
        MemoryStats before = alloc.stats();
        alloc.resetPeak();
        long heap0 = allocatedHeap();
        for (int i = 0; i < steps; i++) step.step();
        long heap1 = allocatedHeap();
        MemoryStats after = alloc.stats();
        long allocations = after.allocations() - before.allocations();
        long hits = after.cacheHits() - before.cacheHits();
        return new Use(before.liveBytes(), after.peakLiveBytes(), heap0 < 0 || heap1 < 0 ? -1 : (heap1 - heap0) / steps,
                (double) allocations / steps, allocations == 0 ? 1 : (double) hits / allocations);
    }

    /** Heap bytes allocated so far by every thread, or -1. */
    static long allocatedHeap() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) t.setThreadAllocatedMemoryEnabled(true);
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }
}
