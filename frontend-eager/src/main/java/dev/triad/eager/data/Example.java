package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;

/**
 * One training example in host memory.
 *
 * @param input  e.g. an image as F32 {@code [C, H, W]}
 * @param target e.g. a class index as an integer scalar
 */
public record Example(HostArray input, HostArray target) {
    /** Both parts are required. */
    public Example {
        if (input == null || target == null) throw new IllegalArgumentException("an example needs an input and a target");
    }
}
