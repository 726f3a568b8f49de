package dev.triad.eager;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/**
 * A seeded source of random keys for the counter-based Threefry-2x32 generator (the spi's
 * {@code random_bits} primitive, which turns a key into bits on the device). Keys are split as
 * JAX splits them: each draw replaces the
 * state with the first half of {@code split(key)} and hands out the second, so one seed gives
 * the same numbers on every backend, and the state is two ints that can be checkpointed.
 */
public final class Generator {
    private final long seed;
    private int k0;
    private int k1;

    /** A generator whose key is JAX's {@code PRNGKey(seed)}: {@code [seed >>> 32, seed & 0xFFFFFFFF]}. */
    public Generator(long seed) {
        this.seed = seed;
        this.k0 = (int) (seed >>> 32);
        this.k1 = (int) seed;
    }

    /** The seed this generator started from. */
    public long initialSeed() { return seed; }

    /** The current key {@code {k0, k1}} (for checkpoints). */
    public synchronized int[] getState() { return new int[] {k0, k1}; }

    /** Restores a key saved with {@link #getState()}. */
    public synchronized void setState(int[] key) {
        if (key.length != 2) throw new IllegalArgumentException("a generator state is two ints, got " + key.length);
        k0 = key[0];
        k1 = key[1];
    }

    /**
     * A fresh key {@code i32[2]} on {@code backend} for the {@code random_bits} and
     * {@code dropout} ops, advancing the state. The caller owns the returned tensor (it belongs
     * to the current scope, if any).
     */
    public Tensor nextKey(dev.triad.spi.backend.Backend backend) { return nextKey(EagerOps.of(backend)); }

    synchronized Tensor nextKey(EagerOps ops) {
        // Splitting a key is two Threefry blocks: done on the host with the spi's reference
        // implementation of the same function the random_bits primitive computes.
        int[][] split = Threefry.split(new int[] {k0, k1}, 2);
        k0 = split[0][0];
        k1 = split[0][1];
        return Tensors.fromHost(HostArray.fromInts(DType.I32, Shape.of(2), split[1][0], split[1][1]), ops.backend());
    }
}
