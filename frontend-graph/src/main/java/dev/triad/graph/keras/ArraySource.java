package dev.triad.graph.keras;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.TensorType;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Batches cut from arrays in memory, optionally in a fresh seeded order each epoch (the order
 * of epoch {@code e} depends only on the seed and {@code e}). The last batch may be smaller.
 */
public final class ArraySource implements BatchSource {
    private final HostArray x, y;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    /**
     * @param x inputs {@code [N, ...]}
     * @param y labels {@code [N, ...]}, or null
     * @param batchSize examples per batch
     * @param shuffle whether each epoch uses a new order
     * @param seed the seed of the orders
     */
    public ArraySource(HostArray x, HostArray y, int batchSize, boolean shuffle, long seed) {
        new Batch(x, y);
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        this.x = x;
        this.y = y;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    private int count() { return (int) x.shape().dim(0); }

    @Override
    public int batchesPerEpoch() { return (count() + batchSize - 1) / batchSize; }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        int n = count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return new Iterator<>() {
            private int next;

            @Override public boolean hasNext() { return next < n; }

            @Override public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int to = Math.min(n, next + batchSize);
                Batch b = new Batch(rows(x, order, next, to), y == null ? null : rows(y, order, next, to));
                next = to;
                return b;
            }
        };
    }

    /** Rows {@code order[from..to)} of {@code a}. */
    static HostArray rows(HostArray a, int[] order, int from, int to) {
        int rowBytes = Math.toIntExact(a.type().byteSize() / Math.max(1, a.shape().dim(0)));
        byte[] out = new byte[rowBytes * (to - from)];
        for (int k = from; k < to; k++) System.arraycopy(a.bytes(), order[k] * rowBytes, out, (k - from) * rowBytes, rowBytes);
        return HostArray.wrap(new TensorType(a.dtype(), a.shape().withDim(0, to - from)), out);
    }
}
