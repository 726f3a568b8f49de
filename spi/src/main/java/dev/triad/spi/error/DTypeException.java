package dev.triad.spi.error;

/** Input element types an op cannot accept. */
public class DTypeException extends TriadException {
    /** Creates the error; the message names the dtypes and the expectation. */
    public DTypeException(String op, String message) { super(op, message); }
}
