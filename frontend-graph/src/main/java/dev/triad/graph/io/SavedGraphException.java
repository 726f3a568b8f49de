package dev.triad.graph.io;

import dev.triad.spi.error.TriadException;

import java.nio.file.Path;

/** A saved graph, weights or model file is corrupt, truncated, or does not match the graph. */
public class SavedGraphException extends TriadException {
    /** An error about {@code file}. */
    public SavedGraphException(Path file, String message) { super("load", file + ": " + message); }

    /** An error about {@code file} with a cause. */
    public SavedGraphException(Path file, String message, Throwable cause) { super("load", file + ": " + message, cause); }
}
