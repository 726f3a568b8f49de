package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DISABLE_TIMING;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventDestroy;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cuMemAllocHost;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Two page-locked host buffers that every transfer goes through, used in turn
 * ({@link StagingPipeline}): the DMA engine copies pinned memory asynchronously and at full
 * bus speed, where pageable memory is staged by the driver (and a Java array is not even
 * addressable), and with two buffers the host stages one chunk while the previous one is in
 * flight. An event per buffer says when its last copy has finished. The buffers grow to the
 * largest transfer up to {@link #SLOT_BYTES} each; larger transfers go in chunks. Used under
 * the runtime's lock.
 */
final class PinnedStaging implements AutoCloseable {
    /** The largest buffer kept per slot: big enough for full-speed copies, small enough not to pin much RAM. */
    static final long SLOT_BYTES = 32L << 20;
    /** The smallest buffer allocated. */
    static final long MIN_BYTES = 4096;

    /** How the runtime checks a driver status (marking the device lost on sticky errors). */
    interface Check {
        /** Throws the typed exception for a failed {@code call}. */
        void check(String call, int rc);
    }

    private final BytePointer[] slots = new BytePointer[StagingPipeline.SLOTS];
    private final CUevent_st[] events = new CUevent_st[StagingPipeline.SLOTS];
    private final StagingPipeline pipeline = new StagingPipeline();
    private long capacity;

    /** The chunk size a transfer of {@code bytes} uses: a power of two from {@link #MIN_BYTES} to {@link #SLOT_BYTES}. */
    static long chunkFor(long bytes) {
        long want = Math.min(Math.max(bytes, MIN_BYTES), SLOT_BYTES);
        long size = Long.highestOneBit(want);
        return size < want ? size << 1 : size;
    }

    /** Copies {@code data} to device address {@code dst}; returns once {@code data} may be reused (the last copies may still run). */
    void upload(long dst, byte[] data, CUstream_st stream, Check check) {
        if (data.length == 0) return;
        ensure(data.length, stream, check);
        pipeline.upload(data.length, capacity, steps(dst, data, stream, check));
    }

    /** Reads {@code into.length} bytes from device address {@code src}, after all work queued on {@code stream}. */
    void download(long src, byte[] into, CUstream_st stream, Check check) {
        if (into.length == 0) return;
        ensure(into.length, stream, check);
        pipeline.download(into.length, capacity, steps(src, into, stream, check));
    }

    private StagingPipeline.Steps steps(long device, byte[] host, CUstream_st stream, Check check) {
        return new StagingPipeline.Steps() {
            @Override public void fill(int slot, long offset, long n) { slots[slot].position(0).put(host, (int) offset, (int) n); }

            @Override public void toDevice(int slot, long offset, long n) {
                check.check("cuMemcpyHtoDAsync(" + n + " bytes)", cuMemcpyHtoDAsync(device + offset, slots[slot].position(0), n, stream));
            }

            @Override public void toHost(int slot, long offset, long n) {
                check.check("cuMemcpyDtoHAsync(" + n + " bytes)", cuMemcpyDtoHAsync(slots[slot].position(0), device + offset, n, stream));
            }

            @Override public void drain(int slot, long offset, long n) { slots[slot].position(0).get(host, (int) offset, (int) n); }

            @Override public void record(int slot) { check.check("cuEventRecord", cuEventRecord(events[slot], stream)); }

            @Override public void await(int slot) { check.check("cuEventSynchronize", cuEventSynchronize(events[slot])); }
        };
    }

    /** Makes both slots at least {@link #chunkFor}{@code (bytes)} large, waiting for their copies before replacing them. */
    private void ensure(long bytes, CUstream_st stream, Check check) {
        for (int i = 0; i < events.length; i++) {
            if (events[i] == null) {
                CUevent_st e = new CUevent_st();
                check.check("cuEventCreate", cuEventCreate(e, CU_EVENT_DISABLE_TIMING));
                events[i] = e;
            }
        }
        long want = chunkFor(bytes);
        if (capacity >= want) return;
        pipeline.drainAll(steps(0, new byte[0], stream, check));
        freeSlots();
        for (int i = 0; i < slots.length; i++) {
            Pointer p = new Pointer();
            check.check("cuMemAllocHost(" + want + " bytes)", cuMemAllocHost(p, want));
            slots[i] = new BytePointer(p).capacity(want);
        }
        capacity = want;
    }

    /** The chunk size transfers use now (0 before the first transfer). */
    long chunk() { return capacity; }

    private void freeSlots() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                cuMemFreeHost(slots[i]);
                slots[i] = null;
            }
        }
        capacity = 0;
    }

    /** Frees the buffers and events; the caller has synchronized the stream. */
    @Override
    public void close() {
        freeSlots();
        for (int i = 0; i < events.length; i++) {
            if (events[i] != null) {
                cuEventDestroy(events[i]);
                events[i] = null;
            }
        }
    }
}
