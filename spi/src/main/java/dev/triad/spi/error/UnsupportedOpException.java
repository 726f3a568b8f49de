package dev.triad.spi.error;

/** A backend that declares it does not support an op or dtype was asked to run it. */
public class UnsupportedOpException extends TriadException {
    /** Creates the error; the message names the backend, op, dtype and the backend's reason. */
    public UnsupportedOpException(String op, String message) { super(op, message); }
}
