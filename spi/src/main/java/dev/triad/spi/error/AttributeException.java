package dev.triad.spi.error;

/** A missing, unknown, mistyped or out-of-range attribute of an op. */
public class AttributeException extends TriadException {
    /** Creates the error; the message names the attribute and the expectation. */
    public AttributeException(String op, String message) { super(op, message); }
}
