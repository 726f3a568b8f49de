package dev.triad.spi.backend;

/**
 * Entry point of a backend JAR, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.triad.spi.backend.BackendProvider}. A provider is cheap to
 * create: it loads no native library until {@link #open} (or, when it must, {@link #probe}).
 */
public interface BackendProvider {
    /** Short unique name, e.g. {@code cpu}, used for selection. */
    String name();

    /** Higher wins when no backend is named explicitly. */
    int priority();

    /**
     * Whether this backend can run here and why not. Never throws: missing drivers, devices or
     * native libraries ({@link UnsatisfiedLinkError} included) become an unavailable result.
     */
    Availability probe();

    /**
     * Opens the backend.
     *
     * @throws dev.triad.spi.error.BackendUnavailableException with the reason when it cannot run
     */
    Backend open();
}
