package dev.triad.functional;

import java.time.Duration;

/**
 * What a jitted function has done so far.
 *
 * @param traces how often the function was traced (once per new signature)
 * @param compiles how many graphs were optimised and compiled for a backend
 * @param cacheHits calls that reused a traced graph
 * @param cacheSize signatures in the cache now
 * @param traceTime total time spent tracing
 * @param compileTime total time spent in the passes and the backend's compile
 * @param lastTraceTime time of the latest trace
 * @param lastCompileTime time of the latest compile
 */
public record JitStats(long traces, long compiles, long cacheHits, int cacheSize, Duration traceTime,
                       Duration compileTime, Duration lastTraceTime, Duration lastCompileTime) {
    @Override
    public String toString() {
        return traces + " trace(s) (" + millis(traceTime) + " ms), " + compiles + " compile(s) (" + millis(compileTime)
                + " ms), " + cacheHits + " cache hit(s), " + cacheSize + " cached signature(s)";
    }

    private static String millis(Duration d) { return String.format(java.util.Locale.ROOT, "%.1f", d.toNanos() / 1e6); }
}
