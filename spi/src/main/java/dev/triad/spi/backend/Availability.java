package dev.triad.spi.backend;

/**
 * What a provider's probe found: whether the backend can run here and, when not, why (no
 * driver, no device, library missing), in words a user can act on.
 *
 * @param available true when {@link BackendProvider#open} is expected to succeed
 * @param reason a one-line summary: what was found, or why it cannot run
 */
public record Availability(boolean available, String reason) {
    /** The backend can run; {@code summary} says what was found. */
    public static Availability available(String summary) { return new Availability(true, summary); }

    /** The backend cannot run, because of {@code reason}. */
    public static Availability unavailable(String reason) { return new Availability(false, reason); }
}
