package dev.triad.backend.cuda;

import dev.triad.spi.backend.DeviceAllocator;

/**
 * Raw device memory for the shared caching allocator ({@link DeviceAllocator}: size classes,
 * reuse, live/reserved/peak statistics, evict-and-retry on out-of-memory). Handles are
 * {@link KernelArgs.DevicePtr}s.
 *
 * <p>Reuse is per stream by construction: the backend queues all its work on one stream, so a
 * block released by one op and handed to the next is only touched after the first op's kernels
 * in stream order; no event is needed. Freeing to the driver waits for the stream first.
 */
final class CudaAllocator extends DeviceAllocator {
    /** The raw allocation calls: the driver's, or a test's stand-in. */
    interface RawMemory {
        /** Allocates {@code bytes} and returns the device address. */
        long allocate(long bytes);

        /** Frees an address {@link #allocate} returned. */
        void free(long address);
    }

    private final RawMemory memory;

    CudaAllocator(String deviceId, long limitBytes, RawMemory memory) {
        super(deviceId, limitBytes);
        this.memory = memory;
    }

    @Override
    protected Object allocateRaw(long bytes) {
        return new KernelArgs.DevicePtr(memory.allocate(bytes));
    }

    @Override
    protected void freeRaw(Object handle, long bytes) {
        memory.free(((KernelArgs.DevicePtr) handle).address());
    }
}
