package dev.triad.spi.backend;

/**
 * Whether a backend runs an op for a dtype and, when not, the declared reason. The
 * conformance suite reports declared-unsupported cases as such, never as passes.
 *
 * @param supported true when the backend runs it
 * @param reason why not (empty when supported)
 */
public record Support(boolean supported, String reason) {
    /** Supported. */
    public static final Support YES = new Support(true, "");

    /** Not supported, because of {@code reason}. */
    public static Support no(String reason) { return new Support(false, reason); }
}
