package dev.triad.backend.cpu.gen;

import java.lang.foreign.MemorySegment;

/**
 * A generated chain that reduces its result ({@link ChainKernels#reducer}): an elementwise
 * prologue and a sum, max or min in one pass, the prologue's values never reaching memory.
 * Implementations are hidden classes, stateless and safe to call from many threads.
 */
public interface ChainReducer {
    /**
     * Reduces the chain's values over a run of {@code n} elements, block by block: for block
     * {@code b} (elements {@code [b * REDUCE_BLOCK, min(n, (b + 1) * REDUCE_BLOCK))}, see
     * {@link ChainSignature#REDUCE_BLOCK}) the lanes of its vector accumulator (vectors
     * combined in order, starting from the identity: 0, -inf or +inf) are written to
     * {@code partials} from byte {@code b * lanes * bytes}, where {@code lanes} is the
     * preferred species' length. Inputs are as for {@link ChainKernel#run}; there is no output
     * segment.
     */
    void reduce(MemorySegment[] segments, long[] offsets, int n, MemorySegment partials);
}
