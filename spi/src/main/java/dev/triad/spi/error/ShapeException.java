package dev.triad.spi.error;

/** Input shapes an op cannot accept (rank, sizes, broadcasting, numel). */
public class ShapeException extends TriadException {
    /** Creates the error; the message names the shapes and the expectation. */
    public ShapeException(String op, String message) { super(op, message); }
}
