package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a {@link Dataset} of {@link Example}s into {@link Batch}es, epoch by epoch: optional
 * seeded shuffling, an optional {@link Transform} per example, optional dropping of a last
 * incomplete batch, and background prefetching on worker threads.
 * <p>
 * <b>Determinism.</b> Everything random derives from the seed alone, never from timing or thread
 * scheduling: epoch {@code e}'s order is a Fisher–Yates shuffle of {@code 0..n-1} driven by
 * {@code new SplittableRandom(derive(seed, ORDER, e))}, and the example at dataset index
 * {@code i} in epoch {@code e} is transformed with {@code new SplittableRandom(derive(seed,
 * AUGMENT, e, i))}, where {@link #derive} mixes its arguments with the SplitMix64 finaliser. So
 * the batches of an epoch are the same for any number of workers, and a run resumed at
 * {@code epoch(e, b)} sees exactly the batches an uninterrupted run would have seen.
 * <p>
 * <b>Threads.</b> With {@code workers > 0}, a pool of that many daemon threads loads up to
 * {@code prefetch} batches ahead of the consumer (a bounded window, so memory stays flat);
 * batches are still handed out in order. {@link #close()} stops the pool; closing a
 * {@link BatchIterator} early cancels what it had queued.
 */
public final class DataLoader implements AutoCloseable {
    /** Stream tag for the per-epoch order, an argument of {@link #derive}. */
    public static final long ORDER = 0;
    /** Stream tag for per-example augmentation, an argument of {@link #derive}. */
    public static final long AUGMENT = 1;

    private final Dataset<Example> dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int workers;
    private final int prefetch;
    private final Transform transform;
    private ExecutorService pool;
    private boolean closed;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.workers = b.workers;
        this.prefetch = b.prefetch > 0 ? b.prefetch : 2 * Math.max(1, b.workers);
        this.transform = b.transform;
    }

    /** Starts configuring a loader over {@code dataset}. */
    public static Builder builder(Dataset<Example> dataset) { return new Builder(dataset); }

    /** Options of a {@link DataLoader}; defaults: batch 32, no shuffle, seed 0, keep the last batch, no workers. */
    public static final class Builder {
        private final Dataset<Example> dataset;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private int workers;
        private int prefetch;
        private Transform transform;

        private Builder(Dataset<Example> dataset) {
            if (dataset == null) throw new IllegalArgumentException("dataset is required");
            this.dataset = dataset;
        }

        /** Examples per batch (positive). */
        public Builder batchSize(int n) {
            if (n <= 0) throw new IllegalArgumentException("batch size must be positive, got " + n);
            this.batchSize = n;
            return this;
        }

        /** Whether each epoch visits the examples in a fresh seeded order. */
        public Builder shuffle(boolean on) { this.shuffle = on; return this; }

        /** The seed for shuffling and augmentation. */
        public Builder seed(long s) { this.seed = s; return this; }

        /** Whether a last batch smaller than the batch size is skipped. */
        public Builder dropLast(boolean on) { this.dropLast = on; return this; }

        /** Background loader threads; 0 loads each batch on the consumer's thread when asked. */
        public Builder workers(int n) {
            if (n < 0) throw new IllegalArgumentException("workers must be non-negative, got " + n);
            this.workers = n;
            return this;
        }

        /** Batches loaded ahead of the consumer (default twice the workers). */
        public Builder prefetch(int n) {
            if (n < 0) throw new IllegalArgumentException("prefetch must be non-negative, got " + n);
            this.prefetch = n;
            return this;
        }

        /** A transform applied to every example's input (null for none). */
        public Builder transform(Transform t) { this.transform = t; return this; }

        /** The loader. */
        public DataLoader build() { return new DataLoader(this); }
    }

    /** The data set. */
    public Dataset<Example> dataset() { return dataset; }

    /** Examples per batch. */
    public int batchSize() { return batchSize; }

    /** The seed. */
    public long seed() { return seed; }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The order in which epoch {@code epoch} visits the dataset's indices. */
    public int[] order(int epoch) {
        int n = dataset.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (!shuffle) return idx;
        SplittableRandom r = new SplittableRandom(derive(seed, ORDER, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** The batches of epoch {@code epoch}, from the first. */
    public BatchIterator epoch(int epoch) { return epoch(epoch, 0); }

    /** The batches of epoch {@code epoch}, starting at batch {@code firstBatch} (to resume). */
    public BatchIterator epoch(int epoch, int firstBatch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        int total = batchesPerEpoch();
        if (firstBatch < 0 || firstBatch > total) throw new IllegalArgumentException("first batch " + firstBatch + " outside 0.." + total);
        synchronized (this) {
            if (closed) throw new IllegalStateException("the data loader is closed");
        }
        return new BatchIterator(this, epoch, order(epoch), firstBatch, total, workers == 0 ? null : pool(), prefetch);
    }

    /** Loads batch {@code b} of an epoch whose order is {@code order}. */
    Batch load(int epoch, int[] order, int b) {
        int from = b * batchSize, to = Math.min(order.length, from + batchSize);
        List<Example> examples = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            int i = order[k];
            Example e = dataset.get(i);
            if (transform != null) {
                e = new Example(transform.apply(e.input(), new SplittableRandom(derive(seed, AUGMENT, epoch, i))), e.target());
            }
            examples.add(e);
        }
        return collate(b, examples);
    }

    /** Stacks examples of equal types into one batch. */
    public static Batch collate(int index, List<Example> examples) {
        if (examples.isEmpty()) throw new IllegalArgumentException("cannot collate an empty batch");
        HostArray inputs = stack(examples, true), targets = stack(examples, false);
        return new Batch(index, inputs, targets);
    }

    private static HostArray stack(List<Example> examples, boolean input) {
        HostArray first = input ? examples.get(0).input() : examples.get(0).target();
        TensorType t = first.type();
        int each = first.bytes().length;
        byte[] out = new byte[Math.multiplyExact(each, examples.size())];
        for (int k = 0; k < examples.size(); k++) {
            HostArray a = input ? examples.get(k).input() : examples.get(k).target();
            if (!a.type().equals(t)) {
                throw new ShapeException("collate", "example " + k + " of the batch has " + (input ? "input " : "target ") + a.type() + " but example 0 has " + t);
            }
            System.arraycopy(a.bytes(), 0, out, k * each, each);
        }
        return HostArray.wrap(new TensorType(t.dtype(), t.shape().insert(0, examples.size())), out);
    }

    /**
     * Mixes a seed with further values (stream tag, epoch, index) into a new seed, with the
     * SplitMix64 finaliser between steps so that neighbouring inputs give unrelated outputs.
     */
    public static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long p : parts) h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory f = r -> {
                Thread t = new Thread(r, "triad-data-" + n.incrementAndGet());
                t.setDaemon(true); // a loader that is never closed must not keep the JVM alive
                return t;
            };
            pool = Executors.newFixedThreadPool(workers, f);
        }
        return pool;
    }

    /** True while the worker pool exists and has not been shut down (for tests). */
    synchronized boolean workersRunning() { return pool != null && !pool.isTerminated(); }

    /** Stops the worker threads (waiting briefly for them); the loader cannot be used afterwards. */
    @Override
    public void close() {
        ExecutorService p;
        synchronized (this) {
            if (closed) return;
            closed = true;
            p = pool;
        }
        if (p == null) return;
        p.shutdownNow();
        try {
            p.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
