package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * One recorded application of a primitive: what ran, with which attributes, on which values,
 * giving which value. Values are compared by identity.
 *
 * @param primitive the op that ran
 * @param attrs its attributes
 * @param inputs its inputs, in order
 * @param output its result
 * @param <T> the value type of the recorded {@link dev.triad.spi.ops.Ops}
 */
record Step<T>(Primitive primitive, Attrs attrs, List<T> inputs, T output) {}
