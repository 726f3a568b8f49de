package dev.triad.functional;

import dev.triad.spi.graph.Graph;

/**
 * The common face of a jitted function: its statistics, the graph it traces for some
 * arguments, and release of its compiled code.
 */
public interface JitFunction extends AutoCloseable {
    /** Traces, compiles and cache hits so far, with trace and compile times. */
    JitStats stats();

    /** The graph traced for these arguments (before optimisation), without running it; cached like a call. */
    Graph lower(Object... args);

    /** The graph compiled for these arguments (after the shared passes). */
    Graph optimized(Object... args);

    /** Drops every cached graph and executable; the next call traces again. */
    void clearCache();

    /** Releases compiled executables and the constants they hold. */
    @Override
    void close();
}
