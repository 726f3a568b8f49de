package dev.triad.spi.backend;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference-counted device storage shared by views. The last {@link #release()} hands the
 * block back to its allocator. If a buffer becomes unreachable without being released, a
 * {@link Cleaner} hands the block back instead and the allocator counts a leak; the cleaning
 * action holds the allocator and block only, never the buffer.
 */
public final class Buffer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final DeviceAllocator allocator;
    private final Block block;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final Reclaim reclaim;
    private final Cleaner.Cleanable cleanable;

    /** Wraps a freshly allocated block with one reference. */
    public Buffer(DeviceAllocator allocator, Block block) {
        this.allocator = allocator;
        this.block = block;
        this.reclaim = new Reclaim(allocator, block);
        this.cleanable = CLEANER.register(this, reclaim);
    }

    /** Allocates {@code bytes} from {@code allocator}. */
    public static Buffer allocate(DeviceAllocator allocator, long bytes) {
        return new Buffer(allocator, allocator.allocate(bytes));
    }

    /** The backend's native handle of the storage. */
    public Object handle() {
        if (refs.get() <= 0) throw new IllegalStateException("buffer used after release");
        return block.handle();
    }

    /** Bytes requested for this buffer. */
    public long byteSize() { return block.requested(); }

    /** The allocator that owns the storage. */
    public DeviceAllocator allocator() { return allocator; }

    /** Adds a reference (for a view). */
    public Buffer retain() {
        int r;
        do {
            r = refs.get();
            if (r <= 0) throw new IllegalStateException("buffer retained after release");
        } while (!refs.compareAndSet(r, r + 1));
        return this;
    }

    /** Drops a reference; the last one hands the block back to the allocator. */
    public void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            reclaim.explicit.set(true);
            cleanable.clean();
        } else if (r < 0) {
            throw new IllegalStateException("buffer released more often than retained");
        }
    }

    /** Live references. */
    public int refCount() { return refs.get(); }

    /** The cleaning action: runs once, on the last release or when the buffer leaked. */
    private static final class Reclaim implements Runnable {
        private final DeviceAllocator allocator;
        private final Block block;
        private final AtomicBoolean explicit = new AtomicBoolean();

        Reclaim(DeviceAllocator allocator, Block block) {
            this.allocator = allocator;
            this.block = block;
        }

        @Override
        public void run() {
            allocator.release(block, !explicit.get());
        }
    }
}
