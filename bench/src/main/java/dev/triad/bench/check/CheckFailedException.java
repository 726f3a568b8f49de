package dev.triad.bench.check;

/** A benchmark's output did not match its reference; the trial stops and reports no time. */
public final class CheckFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A failure with what was compared and by how much it was off. */
    public CheckFailedException(String message) { super(message); }
}
