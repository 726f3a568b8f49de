package dev.triad.spi.error;

/** An allocation failed after the cache was emptied and the leak queue drained. */
public class OutOfDeviceMemoryException extends TriadException {
    /** Creates the error; the message carries the allocator's statistics. */
    public OutOfDeviceMemoryException(String message) { super(null, message); }
}
