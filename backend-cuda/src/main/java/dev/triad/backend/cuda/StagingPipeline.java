package dev.triad.backend.cuda;

/**
 * The order of a double-buffered staged copy, apart from the driver calls it makes (which a
 * {@link Steps} supplies, so the order is tested without a device). A transfer is cut into
 * chunks that alternate between two pinned slots:
 * <ul>
 *   <li>upload: chunk {@code i} is staged into its slot while chunk {@code i-1} is still being
 *       copied to the device from the other one; a slot is refilled only after the copy that
 *       last read it has finished. The upload returns without waiting for its last copies:
 *       the data is already in pinned memory, so the caller's array may be reused.</li>
 *   <li>download: the copy of chunk {@code i} to its slot is queued before the host drains
 *       chunk {@code i-1} from the other, so draining overlaps the next copy; the download
 *       returns when the last chunk is drained.</li>
 * </ul>
 * Which slot is busy is kept across transfers (an upload's last copies may still read a slot
 * when the next transfer starts). Not thread-safe: used under the runtime's lock.
 */
final class StagingPipeline {
    /** Slots used in turn. */
    static final int SLOTS = 2;

    /** The driver side of a staged copy. */
    interface Steps {
        /** Copies bytes {@code [offset, offset + n)} of the host array into pinned slot {@code slot}. */
        void fill(int slot, long offset, long n);

        /** Queues the copy of {@code n} bytes from slot {@code slot} to the device at {@code offset}. */
        void toDevice(int slot, long offset, long n);

        /** Queues the copy of {@code n} bytes from the device at {@code offset} into slot {@code slot}. */
        void toHost(int slot, long offset, long n);

        /** Copies {@code n} bytes from slot {@code slot} into the host array at {@code offset}. */
        void drain(int slot, long offset, long n);

        /** Marks, after the copies queued so far, when slot {@code slot} is free again (an event). */
        void record(int slot);

        /** Waits until the mark last recorded for slot {@code slot} has passed. */
        void await(int slot);
    }

    private final boolean[] busy = new boolean[SLOTS];
    private int next;

    /** The number of chunks of at most {@code chunk} bytes that {@code total} bytes take. */
    static long chunks(long total, long chunk) {
        if (chunk <= 0) throw new IllegalArgumentException("chunk size " + chunk + " must be positive");
        return total <= 0 ? 0 : (total + chunk - 1) / chunk;
    }

    /** Uploads {@code total} bytes in chunks of at most {@code chunk}. */
    void upload(long total, long chunk, Steps s) {
        chunks(total, chunk);
        for (long off = 0; off < total; off += chunk) {
            long n = Math.min(chunk, total - off);
            int slot = take(s);
            s.fill(slot, off, n);
            s.toDevice(slot, off, n);
            s.record(slot);
            busy[slot] = true;
        }
    }

    /** Downloads {@code total} bytes in chunks of at most {@code chunk}; returns when all are in the host array. */
    void download(long total, long chunk, Steps s) {
        chunks(total, chunk);
        int pendingSlot = -1;
        long pendingOff = 0, pendingN = 0;
        for (long off = 0; off < total; off += chunk) {
            long n = Math.min(chunk, total - off);
            int slot = take(s);
            s.toHost(slot, off, n);
            s.record(slot);
            busy[slot] = true;
            if (pendingSlot >= 0) finish(s, pendingSlot, pendingOff, pendingN);
            pendingSlot = slot;
            pendingOff = off;
            pendingN = n;
        }
        if (pendingSlot >= 0) finish(s, pendingSlot, pendingOff, pendingN);
    }

    /** Waits for every slot (before the slots are freed or resized). */
    void drainAll(Steps s) {
        for (int i = 0; i < SLOTS; i++) {
            if (busy[i]) {
                s.await(i);
                busy[i] = false;
            }
        }
    }

    /** Whether slot {@code i} has a copy that may still be running. */
    boolean busy(int i) { return busy[i]; }

    private int take(Steps s) {
        int slot = next;
        next = (next + 1) % SLOTS;
        if (busy[slot]) {
            s.await(slot);
            busy[slot] = false;
        }
        return slot;
    }

    private void finish(Steps s, int slot, long off, long n) {
        s.await(slot);
        busy[slot] = false;
        s.drain(slot, off, n);
    }
}
