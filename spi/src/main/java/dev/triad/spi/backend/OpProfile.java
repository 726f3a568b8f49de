package dev.triad.spi.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An opt-in per-op profile of eager dispatch, for finding where a step's time goes on a
 * backend: with {@code -Dtriad.profile=true} every op that {@link Dispatch} runs is followed by
 * {@link Backend#synchronize()} (so queued device work is charged to the op that queued it) and
 * its wall time is added to a table keyed by backend, op and input types, printed to standard
 * error when the JVM exits. Off by default: synchronizing after each op changes the timing of
 * asynchronous backends, which is the point of a profile but not of a normal run.
 */
public final class OpProfile {
    /** The system property that turns profiling on. */
    public static final String PROPERTY = "triad.profile";

    private static final boolean ENABLED = Boolean.getBoolean(PROPERTY);
    private static final ConcurrentHashMap<String, long[]> TIMES = new ConcurrentHashMap<>();
    private static final LongAdder TOTAL = new LongAdder();

    static {
        if (ENABLED) Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.print(table(25)), "triad-profile"));
    }

    private OpProfile() {}

    /** Whether profiling is on for this JVM. */
    public static boolean enabled() { return ENABLED; }

    /** Adds {@code nanos} to the row {@code key}. */
    static void record(String key, long nanos) {
        long[] row = TIMES.computeIfAbsent(key, k -> new long[2]);
        synchronized (row) {
            row[0]++;
            row[1] += nanos;
        }
        TOTAL.add(nanos);
    }

    /** The {@code top} rows with the most total time, as a text table. */
    public static String table(int top) {
        List<java.util.Map.Entry<String, long[]>> rows = new ArrayList<>(TIMES.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        long total = Math.max(1, TOTAL.sum());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "triad profile: %.1f ms in %d kinds of op (top %d)%n",
                total / 1e6, rows.size(), Math.min(top, rows.size())));
        for (int i = 0; i < Math.min(top, rows.size()); i++) {
            long[] r = rows.get(i).getValue();
            s.append(String.format(Locale.ROOT, "  %6.1f%% %10.2f ms %8d calls %10.1f us/call  %s%n",
                    100.0 * r[1] / total, r[1] / 1e6, r[0], r[1] / 1e3 / r[0], rows.get(i).getKey()));
        }
        return s.toString();
    }
}
