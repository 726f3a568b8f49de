package dev.triad.functional;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;

/**
 * Which backend new arrays go to. By default the one {@link Backends#openDefault()} selects
 * (explicit {@code -Dtriad.backend=}, {@code TRIAD_BACKEND}, else the best available), opened
 * on first use; {@link #use} overrides it for the current thread, e.g. to run the same code on
 * every backend in a test.
 */
public final class Platform {
    private Platform() {}

    private static volatile Backend defaultBackend;
    private static final ThreadLocal<Backend> OVERRIDE = new ThreadLocal<>();

    /** The backend of the current thread. */
    public static Backend backend() {
        Backend b = OVERRIDE.get();
        if (b != null) return b;
        Backend d = defaultBackend;
        if (d == null) {
            synchronized (Platform.class) {
                if (defaultBackend == null) defaultBackend = Backends.openDefault();
                d = defaultBackend;
            }
        }
        return d;
    }

    /** Sets the process-wide default backend (the caller keeps ownership of it). */
    public static synchronized void setDefault(Backend backend) { defaultBackend = backend; }

    /** A restorer of the previous backend, for try-with-resources. */
    public interface Restore extends AutoCloseable {
        /** Restores the backend that was current before. */
        @Override
        void close();
    }

    /** Makes {@code backend} current on this thread until the returned handle is closed. */
    public static Restore use(Backend backend) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        return () -> {
            if (previous == null) OVERRIDE.remove();
            else OVERRIDE.set(previous);
        };
    }
}
