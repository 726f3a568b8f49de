package dev.triad.graph;

/**
 * What a {@link Session} has done so far. Times are wall-clock nanoseconds summed over all
 * compilations.
 *
 * @param runs completed runs
 * @param compilations distinct run signatures compiled (each once)
 * @param specializeNanos time spent lowering front-end graphs to Graph IR (including symbolic gradients)
 * @param optimizeNanos time spent in the pass pipeline
 * @param compileNanos time spent in the backend's {@code compile}
 */
public record SessionStats(long runs, int compilations, long specializeNanos, long optimizeNanos, long compileNanos) {
    /** Graph build and compile time in milliseconds: specialising, optimising and compiling. */
    public double buildAndCompileMillis() { return (specializeNanos + optimizeNanos + compileNanos) / 1e6; }
}
