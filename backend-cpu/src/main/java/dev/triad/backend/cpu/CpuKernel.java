package dev.triad.backend.cpu;

import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * The CPU implementation of one primitive. The backend has already validated the inputs with
 * the op's shape rule and allocated the contiguous result, so a kernel never infers a shape:
 * it reads {@code out}'s shape and type. A kernel that throws must not have assumed anything
 * about the result's contents; the backend releases the result buffer.
 */
public interface CpuKernel {
    /**
     * Whether this kernel runs for {@code dtype}: the dtype of the first input, or of the
     * result for ops without inputs. The answer must be honest: a YES is a promise that
     * {@link #run} handles every input the op's shape rule accepts with that dtype.
     */
    Support supports(DType dtype);

    /**
     * Computes the result.
     *
     * @param attrs the op's attributes, already checked
     * @param inputs the inputs as strided views (any offset, zero and negative strides)
     * @param out the contiguous result; freshly allocated blocks may hold stale data, so
     *            every element must be written
     * @param threads the worker pool to split large loops over
     */
    void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads);
}
