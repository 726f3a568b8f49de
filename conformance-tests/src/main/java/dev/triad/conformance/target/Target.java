package dev.triad.conformance.target;

import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

/**
 * Something the checks run ops on: a backend, or the reference interpreter itself (which makes
 * the rule checks — gradients, batching, errors — runnable without any backend).
 *
 * @param <T> the value type of the target's {@link dev.triad.spi.ops.Ops}
 */
public interface Target<T> {
    /** Name for reports, e.g. {@code cpu} or {@code reference}. */
    String name();

    /** Whether the target runs {@code p} for {@code dtype} (the dtype of its first input, or its result when it has none). */
    Support supports(Primitive p, DType dtype);

    /** True when composite {@code p} runs as one fused kernel rather than its decomposition. */
    boolean hasFusedKernel(Primitive p);

    /** Opens a scope whose values are all released when it closes. */
    Session<T> open();

    /** Bytes of device memory in use now (0 for targets without device memory). */
    long liveBytes();

    /** A description of the live allocations, for leak reports. */
    String liveBlockReport();

    /** True when this target is the reference interpreter (nothing to compare forward results against). */
    default boolean isReference() { return false; }
}
