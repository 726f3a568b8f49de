package dev.triad.spi.error;

/** A graph that fails verification or a text form that does not parse. */
public class GraphException extends TriadException {
    /** Creates the error; the message names the node or line. */
    public GraphException(String message) { super(null, message); }

    /** Creates the error with a cause. */
    public GraphException(String message, Throwable cause) { super(null, message, cause); }
}
