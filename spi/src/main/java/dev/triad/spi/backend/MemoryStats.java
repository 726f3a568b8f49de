package dev.triad.spi.backend;

/**
 * A snapshot of one device allocator's accounting.
 *
 * @param liveBytes bytes handed out and not yet released (requested sizes)
 * @param liveBlocks blocks handed out and not yet released
 * @param reservedBytes bytes held from the device: live blocks plus the cache (rounded sizes)
 * @param peakLiveBytes the highest {@code liveBytes} since creation or {@link DeviceAllocator#resetPeak()}
 * @param allocations blocks handed out in total
 * @param cacheHits allocations served from the cache
 * @param leakReclaims blocks the Cleaner had to reclaim because nobody released them
 */
public record MemoryStats(long liveBytes, long liveBlocks, long reservedBytes, long peakLiveBytes,
                          long allocations, long cacheHits, long leakReclaims) {
    @Override
    public String toString() {
        return "live " + liveBytes + " B in " + liveBlocks + " blocks, reserved " + reservedBytes + " B, peak "
                + peakLiveBytes + " B, " + allocations + " allocations (" + cacheHits + " from cache), "
                + leakReclaims + " reclaimed by the Cleaner";
    }
}
