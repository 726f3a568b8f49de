package dev.triad.bench;

import dev.triad.bench.check.CheckLog;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.TriadException;

/** Opens the backend a benchmark trial runs on, saying clearly why when it cannot. */
public final class BenchBackend {
    private BenchBackend() {}

    /**
     * Opens backend {@code name} for the trial of {@code benchmark} with parameters
     * {@code params} ({@link CheckLog#key} form). When it is not available here the reason
     * is printed and recorded, and a {@link SkippedException} stops the trial: JMH then reports
     * the trial as failed and goes on with the next one, and the report lists it as skipped.
     */
    public static Backend open(String name, String benchmark, String params) {
        try {
            return Backends.open(name);
        } catch (TriadException | LinkageError e) {
            throw skip(benchmark, params, "backend '" + name + "' is not available: " + e.getMessage());
        }
    }

    /** Prints and records a skip, and returns the exception that stops the trial. */
    public static SkippedException skip(String benchmark, String params, String reason) {
        System.err.println("triad-bench: SKIP " + benchmark + " [" + params + "]: " + reason);
        CheckLog.skipped(benchmark, params, reason);
        return new SkippedException(benchmark + " [" + params + "]: " + reason);
    }

    /** Thrown from a benchmark's setup when the combination cannot run here (not a failure of Triad). */
    public static final class SkippedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A skip with its reason. */
        public SkippedException(String message) { super(message); }
    }
}
