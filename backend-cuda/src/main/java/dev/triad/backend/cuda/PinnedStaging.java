package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cuMemAllocHost;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A page-locked host buffer that every transfer goes through: the DMA engine copies pinned
 * memory asynchronously and at full bus speed, where pageable memory is staged by the driver
 * (and a Java array is not even addressable). It grows to the largest transfer up to
 * {@link #MAX_BYTES}; larger transfers are done in chunks. Used under the runtime's lock.
 */
final class PinnedStaging implements AutoCloseable {
    /** The largest buffer kept: big enough for full-speed copies, small enough not to pin much RAM. */
    static final long MAX_BYTES = 64L << 20;

    private BytePointer buffer;
    private long capacity;

    /** A buffer of at least {@code min(bytes, MAX_BYTES)} bytes. */
    BytePointer get(long bytes) {
        long want = Math.min(Math.max(bytes, 4096), MAX_BYTES);
        if (buffer == null || capacity < want) {
            free();
            long size = Long.highestOneBit(want - 1) << 1;
            size = Math.min(Math.max(size, 4096), MAX_BYTES);
            Pointer p = new Pointer();
            Cu.check("cuMemAllocHost(" + size + " bytes)", cuMemAllocHost(p, size));
            buffer = new BytePointer(p).capacity(size);
            capacity = size;
        }
        return buffer;
    }

    /** The chunk size transfers use. */
    long chunk() { return capacity; }

    private void free() {
        if (buffer != null) {
            cuMemFreeHost(buffer);
            buffer = null;
            capacity = 0;
        }
    }

    @Override
    public void close() { free(); }
}
