package dev.triad.spi.error;

/** An op was registered under a name that a built-in primitive or another registered op already has. */
public class DuplicateOpException extends TriadException {
    /** Creates the error. */
    public DuplicateOpException(String op, String message) { super(op, message); }
}
