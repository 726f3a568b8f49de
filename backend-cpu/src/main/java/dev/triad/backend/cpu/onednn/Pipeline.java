package dev.triad.backend.cpu.onednn;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A few primitives run in order over the call's operands and scratch buffers: typically a
 * reorder of each input into the layout a convolution chose, the convolution, and a reorder of
 * its result back into the caller's layout. Arguments refer to operand {@code i} (the
 * caller's buffers, in order) or, from {@code operands} on, to scratch buffer
 * {@code i - operands} in {@link Staging}.
 */
final class Pipeline implements OneDnn.Cached {
    /**
     * One primitive and where each of its arguments lives.
     *
     * @param primitive the primitive
     * @param refs per argument: an operand index, or {@code operands + k} for scratch buffer k
     */
    record Step(DnnlPrimitive primitive, int[] refs) {}

    private final List<Step> steps;
    private final long[] scratchBytes;
    private final int operands;

    Pipeline(List<Step> steps, long[] scratchBytes, int operands) {
        if (Staging.FIRST_SCRATCH + scratchBytes.length > Staging.SLOTS) throw new IllegalArgumentException("too many scratch buffers");
        this.steps = List.copyOf(steps);
        this.scratchBytes = scratchBytes;
        this.operands = operands;
    }

    /** One primitive whose arguments are the call's operands in order, with no scratch. */
    static Pipeline single(DnnlPrimitive primitive, int operands) {
        int[] refs = new int[operands];
        for (int i = 0; i < operands; i++) refs[i] = i;
        return new Pipeline(List.of(new Step(primitive, refs)), new long[0], operands);
    }

    /** Runs every step with the operands at {@code at}; callers are inside {@link OneDnn#run}. */
    void run(OneDnn dnn, MemorySegment... at) throws Throwable {
        MemorySegment[] where = new MemorySegment[operands + scratchBytes.length];
        System.arraycopy(at, 0, where, 0, operands);
        for (int k = 0; k < scratchBytes.length; k++) where[operands + k] = dnn.staging().slot(Staging.FIRST_SCRATCH + k, scratchBytes[k]);
        for (Step s : steps) {
            MemorySegment[] data = new MemorySegment[s.refs().length];
            for (int i = 0; i < data.length; i++) data[i] = where[s.refs()[i]];
            dnn.execute(s.primitive(), data);
        }
    }

    @Override
    public void destroy() {
        for (Step s : steps) s.primitive().destroy();
    }

    @Override
    public String toString() {
        return steps.stream().map(s -> s.primitive().impl()).collect(Collectors.joining(" -> "));
    }
}
