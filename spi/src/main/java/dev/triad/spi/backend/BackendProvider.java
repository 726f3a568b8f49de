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

    /**
     * Opens the backend on the device that {@code deviceSelector} names: the part after the
     * colon in {@code Backends.open("opencl:1")}, an index or whatever the backend documents;
     * null means the backend's default choice. A backend with one device accepts only
     * {@code 0} (or null) and rejects anything else, so a typo never silently opens a different
     * device.
     *
     * @throws dev.triad.spi.error.BackendUnavailableException when the device does not exist or
     *         the backend cannot run here
     */
    default Backend open(String deviceSelector) {
        if (deviceSelector == null || deviceSelector.isBlank() || deviceSelector.trim().equals("0")) return open();
        throw new dev.triad.spi.error.BackendUnavailableException("backend '" + name() + "' has a single device, "
                + name() + ":0; there is no device '" + name() + ":" + deviceSelector.trim() + "'");
    }
}
