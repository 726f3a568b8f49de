package dev.triad.graph.keras;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' progress bar: with verbosity 1 one line per epoch redrawn in place,
 * {@code  120/1875 [=>...] - ETA: 25s - loss: 0.4512 - accuracy: 0.8812}, finished with the
 * epoch's time, time per step and logs; with verbosity 2 only the finished line; 0 prints
 * nothing.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, int verbose, int total) {
        this.out = out;
        this.verbose = verbose;
        this.total = total;
    }

    /** After step {@code done} with the running means {@code logs}. */
    void update(int done, Map<String, Double> logs) {
        if (verbose != 1) return;
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        out.print("\r" + bar(done) + String.format(Locale.ROOT, " - ETA: %.0fs", eta) + format(logs));
        out.flush();
    }

    /** Ends the epoch with its final logs. */
    void finish(int done, Map<String, Double> logs) {
        if (verbose == 0) return;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String perStep = done == 0 ? "" : String.format(Locale.ROOT, " %.0fms/step", 1000 * elapsed / done);
        out.println((verbose == 1 ? "\r" : "") + bar(done) + String.format(Locale.ROOT, " - %.0fs", elapsed) + perStep + format(logs));
    }

    private String bar(int done) {
        int digits = String.valueOf(total).length();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d [", done, total));
        for (int i = 0; i < WIDTH; i++) b.append(i < filled - 1 || (i == filled - 1 && done == total) ? '=' : i == filled - 1 ? '>' : '.');
        return b.append(']').toString();
    }

    static String format(Map<String, Double> logs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) b.append(String.format(Locale.ROOT, " - %s: %.4f", e.getKey(), e.getValue()));
        return b.toString();
    }
}
