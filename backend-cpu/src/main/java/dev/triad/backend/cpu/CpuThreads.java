package dev.triad.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one owner of the CPU backend's worker threads: it decides how many run at once
 * ({@code -Dtriad.cpu.threads=N}, default {@link Runtime#availableProcessors()}) and splits
 * large loops over them. The calling thread always takes part, so {@code threads - 1} daemon
 * workers are started; a loop too small to repay the hand-off runs inline on the caller.
 *
 * <p>Parts of a loop are claimed, not assigned: the caller keeps claiming parts until none is
 * left, so a loop finishes even when every worker is busy with another caller's loop, and a
 * loop started from inside a worker simply runs inline (no nested hand-off, no deadlock).
 * A native library with its own pool (oneDNN's OpenMP) must be sized from {@link #threads()}
 * and called from the calling thread only. Where that library can run Java code on its threads,
 * it becomes the pool ({@link #runOn(Team)}): the split loops then run on the same threads as
 * the native calls, so there is only one set of threads on the cores, and a thread left
 * spinning after a native call is the one that picks up the next Java loop instead of
 * competing with a Java worker for a core.
 */
public final class CpuThreads {
    /** The system property that sets the number of threads. */
    public static final String PROPERTY = "triad.cpu.threads";

    /**
     * Work (in nanoseconds of one core, estimated by the caller) below which a part is not
     * worth handing to a worker. Measured on a shared 2-core machine under load: splitting a
     * loop in two starts to win at about 15 microseconds of total work (waking a parked
     * worker and joining it costs a few microseconds, more when cores are contended); at 25
     * microseconds per part the hand-off stays a small fraction of the work, and the callers'
     * cost estimates are rough anyway.
     */
    public static final long MIN_PART_COST_NS = 25_000;

    private static final CpuThreads SHARED = new CpuThreads(configuredThreads());

    private final int threads;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private volatile Team team;
    private boolean workersStarted;
    /** Set while this thread runs a part of a split loop: loops started there run inline. */
    private static final ThreadLocal<boolean[]> IN_PART = ThreadLocal.withInitial(() -> new boolean[1]);

    /**
     * Threads owned by a native library that can run a Java task on several of them at once
     * (the OpenMP team oneDNN runs on).
     */
    public interface Team {
        /**
         * Runs {@code task} once on each of {@code threads} threads, the calling thread
         * included, and returns when every run has returned. {@code task} catches its own
         * failures.
         */
        void runOnEach(int threads, Runnable task);

        /** What the team is, for device properties (e.g. "the OpenMP team"). */
        String describe();
    }

    /** A loop body over an index range. */
    @FunctionalInterface
    public interface RangeBody {
        /** Runs indices {@code [from, to)}. */
        void run(long from, long to);
    }

    private CpuThreads(int threads) {
        this.threads = threads;
    }

    /** Starts the Java workers on first use: a process whose loops all run on a {@link Team} never has them. */
    private synchronized void startWorkers() {
        if (workersStarted) return;
        for (int i = 1; i < threads; i++) {
            Thread t = new Worker(queue, "triad-cpu-" + i);
            t.start();
        }
        workersStarted = true;
    }

    /**
     * Runs every later split loop on {@code team} instead of the Java workers (null: back to the
     * Java workers). The team must be able to run {@link #threads()} threads.
     */
    public void runOn(Team team) { this.team = team; }

    /** The team split loops run on, or null for the Java workers. */
    public Team team() { return team; }

    /** Who runs the parts of split loops besides the caller, for device properties. */
    public String describePool() {
        Team t = team;
        return threads == 1 ? "the calling thread only" : t != null ? t.describe() : (threads - 1) + " Java worker thread(s)";
    }

    /** The process-wide pool. */
    public static CpuThreads shared() { return SHARED; }

    /** The number of threads loops are split over (the caller included). */
    public int threads() { return threads; }

    static int configuredThreads() {
        int n = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                n = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                System.err.println("triad: ignoring -D" + PROPERTY + "=" + p + " (not an integer); using " + n + " threads");
            }
        }
        return Math.max(1, n);
    }

    /** True while this thread runs a part of a split loop, where nested loops run inline. */
    public static boolean onWorker() { return IN_PART.get()[0]; }

    /** How many parts a loop of {@code n} items costing {@code costPerItemNs} each is worth splitting into. */
    public int partsFor(long n, double costPerItemNs) {
        if (threads == 1 || n <= 1 || onWorker()) return 1;
        double total = n * costPerItemNs;
        long parts = (long) Math.min(threads, total / MIN_PART_COST_NS);
        return (int) Math.max(1, Math.min(parts, n));
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into as many contiguous ranges as the work is
     * worth ({@link #partsFor}); returns when all have finished. The first exception thrown by
     * any part is rethrown here, after every started part has ended.
     */
    public void forRange(long n, double costPerItemNs, RangeBody body) {
        if (n <= 0) return;
        forParts(n, partsFor(n, costPerItemNs), body);
    }

    /** Runs {@code body} over {@code [0, n)} in exactly {@code parts} ranges (at most {@code n}), in parallel where possible. */
    public void forParts(long n, int parts, RangeBody body) {
        if (n <= 0) return;
        parts = (int) Math.min(parts, n);
        if (parts <= 1 || onWorker()) {
            body.run(0, n);
            return;
        }
        Job job = new Job(n, parts, body);
        int helpers = Math.min(parts, threads);
        Team t = team;
        if (t != null) {
            t.runOnEach(helpers, job);
        } else {
            if (!workersStarted) startWorkers();
            for (int i = 1; i < helpers; i++) queue.add(job);
            job.run();
        }
        job.await();
    }

    /** One split loop; each run() claims parts until none is left. */
    private static final class Job implements Runnable {
        private final long n;
        private final int parts;
        private final RangeBody body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(long n, int parts, RangeBody body) {
            this.n = n;
            this.parts = parts;
            this.body = body;
            this.done = new CountDownLatch(parts);
        }

        @Override
        public void run() {
            boolean[] inPart = IN_PART.get();
            boolean outer = inPart[0];
            inPart[0] = true;
            try {
                int p;
                while ((p = next.getAndIncrement()) < parts) {
                    try {
                        // A failed loop skips its remaining parts but still counts them down.
                        if (failure.get() == null) body.run(n * p / parts, n * (p + 1) / parts);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.countDown();
                    }
                }
            } finally {
                inPart[0] = outer;
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    // The parts write into the caller's buffers: never return before they end.
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }

    private static final class Worker extends Thread {
        private final LinkedBlockingQueue<Runnable> queue;

        Worker(LinkedBlockingQueue<Runnable> queue, String name) {
            super(name);
            this.queue = queue;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Runnable r;
                try {
                    r = queue.take();
                } catch (InterruptedException e) {
                    continue;
                }
                r.run();
            }
        }
    }
}
