package dev.triad.backend.cpu.gen;

import java.lang.foreign.MemorySegment;

/**
 * A generated chain ({@link ChainKernels#of}): one pass over a run of {@code n} elements.
 * Implementations are hidden classes, stateless and safe to call from many threads.
 */
public interface ChainKernel {
    /**
     * Computes {@code n} results. For input {@code k}, {@code segments[k]} at byte offset
     * {@code offsets[k]} holds a contiguous run of {@code n} values, or, for a broadcast
     * input, the one value of the whole run; the results are written as a contiguous run to
     * {@code segments[inputs]} at {@code offsets[inputs]}. The arrays are only read.
     */
    void run(MemorySegment[] segments, long[] offsets, int n);
}
