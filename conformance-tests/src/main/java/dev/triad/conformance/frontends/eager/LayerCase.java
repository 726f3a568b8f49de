package dev.triad.conformance.frontends.eager;

import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One layer or loss of {@code dev.triad.eager.nn} set up for a gradient check.
 *
 * @param group the layer or loss class, e.g. {@code Conv2d} (the row reports put it in)
 * @param name what the case exercises, e.g. {@code stride 2, padding, 2 groups}
 * @param build sets the case up on a backend, in F64, inside the caller's scope
 */
record LayerCase(String group, String name, Function<Backend, Problem> build) {
    /**
     * A case set up on a backend.
     *
     * @param leaves the tensors gradients are checked for, by name ({@code input}, parameter paths,
     *     {@code target}): leaves that require grad, whose values the check may overwrite under no-grad
     * @param loss computes the scalar to differentiate from the leaves' current values
     * @param release frees what no scope owns (a module's parameters and buffers)
     */
    record Problem(Map<String, Tensor> leaves, Supplier<Tensor> loss, Runnable release) {}
}
