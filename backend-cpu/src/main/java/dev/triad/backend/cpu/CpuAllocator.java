package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceAllocator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Raw off-heap blocks for the shared caching allocator: each block is a 64-byte aligned
 * {@link MemorySegment} (the {@link dev.triad.spi.backend.Buffer} handle) from its own shared
 * arena, so a block can be freed alone and read by any worker thread. Closing a shared arena
 * is costly (the JVM synchronises with every thread), which the cache above keeps rare.
 */
public final class CpuAllocator extends DeviceAllocator {
    /** Alignment of every block: one cache line, and a full AVX-512 vector. */
    public static final long ALIGNMENT = 64;

    private final Map<MemorySegment, Arena> arenas = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param deviceId the device, for messages
     * @param limitBytes the most bytes to reserve
     */
    public CpuAllocator(String deviceId, long limitBytes) {
        super(deviceId, limitBytes);
    }

    @Override
    protected Object allocateRaw(long bytes) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment = arena.allocate(bytes, ALIGNMENT);
            arenas.put(segment, arena);
            return segment;
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            throw e;
        }
    }

    @Override
    protected void freeRaw(Object handle, long bytes) {
        Arena arena = arenas.remove(handle);
        if (arena == null) throw new IllegalStateException("block of " + bytes + " bytes was not allocated here");
        arena.close();
    }
}
