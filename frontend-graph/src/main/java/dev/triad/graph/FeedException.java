package dev.triad.graph;

import dev.triad.spi.error.TriadException;

/**
 * A run's feeds do not match what its fetches need: a placeholder the fetches depend on is not
 * fed, a fed value is not a placeholder of the graph, or a placeholder is fed that no fetch
 * depends on. (A fed value of the wrong dtype or shape raises
 * {@link dev.triad.spi.error.DTypeException} or {@link dev.triad.spi.error.ShapeException}.)
 */
public class FeedException extends TriadException {
    /** An error about the feeds of a run. */
    public FeedException(String message) { super("session.run", message); }
}
