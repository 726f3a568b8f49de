package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;

import java.util.random.RandomGenerator;

/**
 * A change applied to one example's input before batching, e.g. normalisation or random
 * augmentation of an image. Images are F32 {@code [C, H, W]}.
 * <p>
 * Random transforms draw only from the generator they are given: the {@link DataLoader} derives
 * it from its seed, the epoch and the example's index, so augmentation is reproducible and does
 * not depend on which worker thread ran it.
 */
@FunctionalInterface
public interface Transform {
    /** The transformed input; {@code input} itself is never modified. */
    HostArray apply(HostArray input, RandomGenerator random);

    /** This transform, then {@code next}. */
    default Transform andThen(Transform next) {
        return (x, r) -> next.apply(apply(x, r), r);
    }
}
