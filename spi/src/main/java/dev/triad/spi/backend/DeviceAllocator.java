package dev.triad.spi.backend;

import dev.triad.spi.error.OutOfDeviceMemoryException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A caching allocator for one device, shared by every backend: backends supply only the raw
 * allocation and release calls. Requests are rounded up to size classes (four per octave), a
 * released block goes to a per-class cache and is reused, and live, reserved and peak bytes are
 * counted. On failure the cache is emptied and blocks that leaked to the Cleaner are
 * reclaimed, a bounded number of times, before a typed out-of-memory error with the statistics
 * is thrown.
 *
 * <p>With {@code -Dtriad.debugAlloc=true} each block remembers where it was allocated, and
 * {@link #liveBlockReport()} and the Cleaner's leak log print those sites.
 */
public abstract class DeviceAllocator {
    private static final boolean DEBUG = Boolean.getBoolean("triad.debugAlloc");
    private static final long MIN_CLASS = 256;
    private static final int OOM_RETRIES = 3;

    private final String deviceId;
    private final long limitBytes;
    private final Map<Long, ArrayDeque<Block>> cache = new HashMap<>();
    private final Set<Block> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private long liveBytes;
    private long reservedBytes;
    private long peakLiveBytes;
    private long allocations;
    private long cacheHits;
    private long leakReclaims;

    /**
     * @param deviceId the device this allocator serves, for messages
     * @param limitBytes the most bytes it may reserve ({@link Long#MAX_VALUE} for no limit beyond the device's)
     */
    protected DeviceAllocator(String deviceId, long limitBytes) {
        this.deviceId = deviceId;
        this.limitBytes = limitBytes;
    }

    /**
     * Allocates {@code bytes} from the device and returns the native handle.
     *
     * @throws OutOfMemoryError (or any runtime exception) when the device has no room
     */
    protected abstract Object allocateRaw(long bytes);

    /** Returns a block obtained from {@link #allocateRaw} to the device. */
    protected abstract void freeRaw(Object handle, long bytes);

    /** The size class {@code bytes} is rounded up to: {m * 2^k, m in 4..7}, at least 256 bytes. */
    public static long sizeClass(long bytes) {
        if (bytes <= MIN_CLASS) return MIN_CLASS;
        int shift = 63 - Long.numberOfLeadingZeros(bytes - 1) - 2;
        long unit = 1L << shift;
        return ((bytes - 1) / unit + 1) * unit;
    }

    /** A block of at least {@code bytes}, from the cache when one of its class is free. */
    public Block allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size " + bytes);
        long cls = sizeClass(bytes);
        Block b = takeCached(cls);
        if (b == null) b = allocateNew(cls, bytes);
        synchronized (this) {
            b.assign(bytes, DEBUG ? new Throwable("allocated here") : null);
            live.add(b);
            liveBytes += bytes;
            peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
            allocations++;
        }
        return b;
    }

    private synchronized Block takeCached(long cls) {
        ArrayDeque<Block> q = cache.get(cls);
        Block b = q == null ? null : q.pollFirst();
        if (b != null) cacheHits++;
        return b;
    }

    private Block allocateNew(long cls, long bytes) {
        RuntimeException lastFailure = null;
        for (int attempt = 0; attempt <= OOM_RETRIES; attempt++) {
            if (attempt > 0) reclaim(attempt);
            synchronized (this) {
                if (reservedBytes + cls > limitBytes) {
                    lastFailure = new IllegalStateException("limit of " + limitBytes + " bytes reached");
                    continue;
                }
            }
            try {
                Object handle = allocateRaw(cls);
                synchronized (this) { reservedBytes += cls; }
                return new Block(handle, cls);
            } catch (OutOfMemoryError | RuntimeException e) {
                lastFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
            }
        }
        throw new OutOfDeviceMemoryException("cannot allocate " + bytes + " bytes on " + deviceId + " after emptying the cache and reclaiming leaked blocks "
                + OOM_RETRIES + " times (" + (lastFailure == null ? "" : lastFailure.getMessage()) + "); allocator: " + stats());
    }

    /** Frees cached blocks and gives the Cleaner a chance to hand back unreachable ones. */
    private void reclaim(int attempt) {
        emptyCache();
        System.gc();
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        emptyCache();
    }

    /** Returns {@code b} to the cache; {@code leaked} counts a reclaim by the Cleaner. */
    void release(Block b, boolean leaked) {
        synchronized (this) {
            if (!live.remove(b)) throw new IllegalStateException("block released twice or not from this allocator");
            liveBytes -= b.requested();
            if (leaked) {
                leakReclaims++;
                if (DEBUG && b.origin() != null) {
                    System.err.println("triad: a buffer of " + b.requested() + " bytes on " + deviceId
                            + " was never released and was reclaimed by the Cleaner; it was allocated at:");
                    b.origin().printStackTrace();
                }
            }
            b.assign(0, null);
            cache.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).addFirst(b);
        }
    }

    /** Hands every cached block back to the device. */
    public void emptyCache() {
        List<Block> drop = new ArrayList<>();
        synchronized (this) {
            for (ArrayDeque<Block> q : cache.values()) drop.addAll(q);
            cache.clear();
            for (Block b : drop) reservedBytes -= b.capacity();
        }
        for (Block b : drop) freeRaw(b.handle(), b.capacity());
    }

    /** The current statistics. */
    public synchronized MemoryStats stats() {
        return new MemoryStats(liveBytes, live.size(), reservedBytes, peakLiveBytes, allocations, cacheHits, leakReclaims);
    }

    /** Sets the peak to the current live bytes. */
    public synchronized void resetPeak() { peakLiveBytes = liveBytes; }

    /** A description of every live block (with allocation sites in debug mode), for leak reports. */
    public synchronized String liveBlockReport() {
        StringBuilder sb = new StringBuilder();
        sb.append(live.size()).append(" live block(s) on ").append(deviceId).append(", ").append(liveBytes).append(" bytes");
        if (!DEBUG && !live.isEmpty()) sb.append(" (run with -Dtriad.debugAlloc=true to see where they were allocated)");
        for (Block b : live) {
            sb.append("\n  ").append(b.requested()).append(" bytes");
            if (b.origin() != null) {
                for (StackTraceElement e : b.origin().getStackTrace()) sb.append("\n      at ").append(e);
            }
        }
        return sb.toString();
    }

    /** The device this allocator serves. */
    public String deviceId() { return deviceId; }
}
