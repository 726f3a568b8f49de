package dev.triad.spi.error;

/**
 * Base of every error Triad raises on purpose. Subclasses name the op, the shapes and dtypes
 * involved, and what was expected, so the message alone says what went wrong.
 */
public class TriadException extends RuntimeException {
    private final String op;

    /** An error about {@code op} (may be null when no op is involved). */
    public TriadException(String op, String message) {
        super(op == null ? message : op + ": " + message);
        this.op = op;
    }

    /** An error with a cause. */
    public TriadException(String op, String message, Throwable cause) {
        super(op == null ? message : op + ": " + message, cause);
        this.op = op;
    }

    /** The op the error is about, or null. */
    public String op() { return op; }
}
