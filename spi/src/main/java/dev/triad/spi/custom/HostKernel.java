package dev.triad.spi.custom;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * The forward computation of a {@link CustomOp}, on host copies of its inputs. Triad has
 * already checked the inputs against the op's shape and dtype rule, so a kernel may assume
 * them valid.
 */
@FunctionalInterface
public interface HostKernel {
    /**
     * Computes the result.
     *
     * @param inputs contiguous, row-major copies of the inputs (the kernel may overwrite them)
     * @param resultType the type the op's shape rule gave; the result must have exactly it
     * @return a new array of {@code resultType}
     */
    HostArray run(List<HostArray> inputs, TensorType resultType);
}
