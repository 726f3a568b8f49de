package dev.triad.spi.error;

/** A derivative was requested through an op that declares it has none. */
public class NotDifferentiableException extends TriadException {
    /** Creates the error. */
    public NotDifferentiableException(String op, String message) { super(op, message); }
}
