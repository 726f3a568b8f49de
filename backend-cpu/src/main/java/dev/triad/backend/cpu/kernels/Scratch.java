package dev.triad.backend.cpu.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-thread scratch runs for kernels: native, 64-byte aligned segments of
 * {@link ElementwiseLoop#CHUNK} eight-byte values, reused across kernel calls. Native on
 * purpose: masked vector stores into heap-backed segments are not compiled to vector
 * instructions (measured five times slower). A {@link Lease} hands them out for one walk and
 * returns them when closed; each thread keeps a few, and a dead thread's segments are freed
 * by the garbage collector ({@link Arena#ofAuto()}).
 */
final class Scratch {
    private Scratch() {}

    /** Bytes per scratch run. */
    static final long BYTES = ElementwiseLoop.CHUNK * 8L;
    private static final int KEEP = 16;
    private static final ThreadLocal<ArrayDeque<MemorySegment>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    /** Scratch runs borrowed for one walk on one thread. */
    static final class Lease implements AutoCloseable {
        private final List<MemorySegment> taken = new ArrayList<>(4);

        /** A scratch run, valid until this lease closes. */
        MemorySegment take() {
            MemorySegment s = FREE.get().pollFirst();
            if (s == null) s = Arena.ofAuto().allocate(BYTES, 64);
            taken.add(s);
            return s;
        }

        /** Returns every run to this thread's pool. */
        @Override
        public void close() {
            ArrayDeque<MemorySegment> free = FREE.get();
            for (MemorySegment s : taken) if (free.size() < KEEP) free.addFirst(s);
            taken.clear();
        }
    }

    /** A new lease on the calling thread. */
    static Lease lease() { return new Lease(); }
}
