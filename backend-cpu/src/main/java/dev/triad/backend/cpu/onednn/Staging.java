package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A few native, 64-byte aligned scratch buffers that grow to the largest request and are then
 * reused: operands oneDNN cannot read in place are packed here, and results that must be
 * rearranged land here first. Used only under {@link OneDnn}'s lock, so one set serves every
 * thread. Blocks come from the JDK, not the device allocator: they are scratch of the oneDNN
 * calls, not arrays anyone sees.
 */
final class Staging {
    /** Slots: one packed copy per operand (0 to 2), then scratch in a primitive's own layouts (3 on). */
    static final int SLOTS = 8;
    /** The first slot for scratch in a primitive's own layouts. */
    static final int FIRST_SCRATCH = 3;

    private final Arena[] arenas = new Arena[SLOTS];
    private final MemorySegment[] segments = new MemorySegment[SLOTS];

    /** Slot {@code i} with room for at least {@code bytes}; its contents are undefined. */
    MemorySegment slot(int i, long bytes) {
        MemorySegment s = segments[i];
        if (s == null || s.byteSize() < bytes) {
            if (arenas[i] != null) arenas[i].close();
            arenas[i] = Arena.ofShared();
            // Grow by half again so that a slowly growing shape does not reallocate every call.
            segments[i] = s = arenas[i].allocate(Math.max(bytes, s == null ? 0 : s.byteSize() + s.byteSize() / 2), 64);
        }
        return s;
    }

    /** Frees every slot. */
    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            if (arenas[i] != null) arenas[i].close();
            arenas[i] = null;
            segments[i] = null;
        }
    }
}
