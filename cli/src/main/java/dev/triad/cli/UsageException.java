package dev.triad.cli;

/** A malformed command line; the message says what was expected. */
final class UsageException extends RuntimeException {
    UsageException(String message) { super(message); }
}
