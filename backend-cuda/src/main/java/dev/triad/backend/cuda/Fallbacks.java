package dev.triad.backend.cuda;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of calls that a vendor library could not take and that ran on a generated kernel
 * instead, by op and reason ({@code "conv: cuDNN has no i32 convolution or pooling"}). A
 * fallback is a policy, not an accident: it is never silent, and {@link CudaBackend#fallbacks()}
 * shows what ran where. Thread-safe.
 */
public final class Fallbacks {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Records one call of {@code op} that ran on the generated kernel because of {@code reason}. */
    void record(String op, String reason) {
        counts.computeIfAbsent(op + ": " + reason, k -> new LongAdder()).increment();
    }

    /** The counts so far, sorted by op and reason. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
