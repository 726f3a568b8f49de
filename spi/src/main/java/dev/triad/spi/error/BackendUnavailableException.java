package dev.triad.spi.error;

/** No backend could be selected or opened; the message carries each candidate's reason. */
public class BackendUnavailableException extends TriadException {
    /** Creates the error. */
    public BackendUnavailableException(String message) { super(null, message); }

    /** Creates the error with a cause. */
    public BackendUnavailableException(String message, Throwable cause) { super(null, message, cause); }
}
