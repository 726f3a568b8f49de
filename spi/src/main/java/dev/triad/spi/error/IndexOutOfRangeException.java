package dev.triad.spi.error;

/** An index value (e.g. of gather or scatter-add) outside the indexed dimension. */
public class IndexOutOfRangeException extends TriadException {
    /** Creates the error; the message names the index, the axis and its size. */
    public IndexOutOfRangeException(String op, String message) { super(op, message); }
}
