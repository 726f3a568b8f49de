package dev.triad.spi.backend;

/**
 * One allocation of device memory: the backend's native handle (e.g. a {@code MemorySegment}
 * or a device pointer) and its sizes. Blocks are recycled by the {@link DeviceAllocator}.
 */
public final class Block {
    private final Object handle;
    private final long capacity;
    private long requested;
    private Throwable origin;

    Block(Object handle, long capacity) {
        this.handle = handle;
        this.capacity = capacity;
    }

    /** The backend's native handle. */
    public Object handle() { return handle; }

    /** Bytes the block holds (its size class). */
    public long capacity() { return capacity; }

    /** Bytes the current user asked for. */
    public long requested() { return requested; }

    void assign(long bytes, Throwable creationSite) {
        this.requested = bytes;
        this.origin = creationSite;
    }

    /** Where the current user allocated it (only in debug mode), else null. */
    public Throwable origin() { return origin; }
}
