package dev.triad.eager.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The batches of one epoch, in order. With workers it keeps a bounded window of batches loading
 * ahead; {@link #close()} cancels that window (use try-with-resources when leaving an epoch
 * early). An error while loading a batch is thrown from {@link #next()} for that batch.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private final DataLoader loader;
    private final int epoch;
    private final int[] order;
    private final int end;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private int next;
    private int submitted;
    private boolean closed;

    BatchIterator(DataLoader loader, int epoch, int[] order, int first, int end, ExecutorService pool, int window) {
        this.loader = loader;
        this.epoch = epoch;
        this.order = order;
        this.end = end;
        this.pool = pool;
        this.window = Math.max(1, window);
        this.next = first;
        this.submitted = first;
        fill();
    }

    /** The epoch these batches belong to. */
    public int epoch() { return epoch; }

    /** The index of the batch {@link #next()} returns. */
    public int position() { return next; }

    @Override
    public boolean hasNext() { return !closed && next < end; }

    @Override
    public Batch next() {
        if (!hasNext()) throw new NoSuchElementException(closed ? "the batch iterator is closed" : "end of epoch " + epoch);
        if (pool == null) return loader.load(epoch, order, next++);
        Future<Batch> f = pending.poll();
        try {
            Batch b = f.get();
            next++;
            fill();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for batch " + next + " of epoch " + epoch, e);
        } catch (CancellationException e) {
            close();
            throw new IllegalStateException("batch " + next + " of epoch " + epoch + " was cancelled (the data loader was closed)", e);
        } catch (ExecutionException e) {
            close();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException("loading batch " + next + " of epoch " + epoch + " failed", c);
        }
    }

    private void fill() {
        if (pool == null || closed) return;
        while (pending.size() < window && submitted < end) {
            int b = submitted++;
            try {
                pending.add(pool.submit(() -> loader.load(epoch, order, b)));
            } catch (RejectedExecutionException e) {
                close();
                throw new IllegalStateException("the data loader was closed while epoch " + epoch + " was being read", e);
            }
        }
    }

    /** Cancels batches still loading; the iterator then reports no more batches. */
    @Override
    public void close() {
        closed = true;
        for (Future<Batch> f : pending) f.cancel(true);
        pending.clear();
    }
}
