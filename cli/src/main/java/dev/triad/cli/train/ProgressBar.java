package dev.triad.cli.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One epoch's progress on stderr: steps done, steps per second, the running loss and the time
 * left. On a terminal one line is redrawn in place (at most ten times a second); elsewhere (a
 * pipe, a log file, or {@code CI=true}) a plain line is printed every few seconds so that logs
 * stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long TTY_INTERVAL_NS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NS = 10_000_000_000L;

    private final PrintStream err;
    private final boolean tty;
    private final String label;
    private final int total;
    private final int first;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;

    /**
     * @param err   where to draw
     * @param tty   redraw one line in place (see {@link #interactive()})
     * @param label e.g. {@code epoch 1/3}
     * @param first the batch the epoch starts at (non-zero when resuming)
     * @param total batches in the epoch
     * @param clock nanosecond clock (tests pass a fake one)
     */
    public ProgressBar(PrintStream err, boolean tty, String label, int first, int total, LongSupplier clock) {
        this.err = err;
        this.tty = tty;
        this.label = label;
        this.first = first;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** True when stderr is a terminal and {@code CI} is not {@code true}. */
    public static boolean interactive() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) return false;
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** Reports that {@code done} batches of the epoch are finished, with the running loss. */
    public void update(int done, double loss) {
        long now = clock.getAsLong();
        boolean last = done >= total;
        long interval = tty ? TTY_INTERVAL_NS : PLAIN_INTERVAL_NS;
        if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < interval) return;
        lastDraw = now;
        String line = line(done, loss, now);
        if (tty) {
            String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
            err.print("\r" + line + pad);
            lastWidth = line.length();
            if (last) err.println();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Steps per second since the epoch (or the resumed part of it) started. */
    public double stepsPerSecond(int done) {
        double secs = (clock.getAsLong() - start) / 1e9;
        return secs > 0 ? (done - first) / secs : 0;
    }

    String line(int done, double loss, long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? (done - first) / secs : 0;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder b = new StringBuilder();
        b.append(label).append(" [");
        b.append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 && filled < WIDTH ? ">" : filled > 0 ? "=" : "");
        b.append(" ".repeat(WIDTH - filled)).append("] ");
        b.append(done).append('/').append(total);
        b.append(String.format(Locale.ROOT, "  %.1f steps/s  loss %.4f", rate, loss));
        if (done >= total) {
            b.append("  ").append(clock(secs));
        } else {
            b.append("  ETA ").append(rate > 0 ? clock((total - done) / rate) : "--:--");
        }
        return b.toString();
    }

    /** {@code m:ss} or {@code h:mm:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
