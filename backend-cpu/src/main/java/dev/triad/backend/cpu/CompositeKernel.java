package dev.triad.backend.cpu;

import dev.triad.spi.ops.Attrs;

import java.util.List;

/**
 * A fused kernel for one composite (softmax, layer norm, ...): one pass instead of the
 * decomposition's several. Unlike a {@link CpuKernel} it may decline a case it does not take
 * (a dtype, a layout, special values whose semantics it does not share); the backend then runs
 * the composite's decomposition, so a declined case is slower, never different.
 */
public interface CompositeKernel {
    /**
     * Computes the result if this kernel takes the case.
     *
     * @param attrs the composite's attributes, already checked
     * @param inputs the inputs as strided views
     * @param out the result: contiguous and freshly allocated, or, for a pointwise composite
     *            written in place ({@code Backend.executeInto}), any view with distinct
     *            elements; a kernel that needs a contiguous result declines other views
     * @param threads the worker pool
     * @return true when {@code out} holds the result; false, having written nothing that
     *         matters, when the decomposition must run instead
     */
    boolean tryRun(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads);
}
