package dev.triad.eager.data;

import dev.triad.spi.error.TriadException;

/**
 * A data set that is not on this machine, or a tool needed to fetch it that is missing. The
 * message says where Triad looked and exactly what to run to get it.
 */
public class MissingDataException extends TriadException {
    /** With a message that says how to get the data. */
    public MissingDataException(String message) { super(null, message); }

    /** Same, with the underlying failure. */
    public MissingDataException(String message, Throwable cause) { super(null, message, cause); }
}
