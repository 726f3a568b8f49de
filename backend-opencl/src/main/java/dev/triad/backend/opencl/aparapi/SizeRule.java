package dev.triad.backend.opencl.aparapi;

import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * A size computed from the op's input and result types: the value of an {@code int} field of
 * the kernel (a row length, say) or one dimension of an index-space op's global range.
 */
@FunctionalInterface
public interface SizeRule {
    /** The size for a run on inputs of {@code inputs}' types giving {@code result}. */
    long size(List<TensorType> inputs, TensorType result);
}
