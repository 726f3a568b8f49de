package dev.triad.spi.error;

/** An op given the wrong number of inputs. */
public class ArityException extends TriadException {
    /** Creates the error; the message names the counts. */
    public ArityException(String op, String message) { super(op, message); }
}
