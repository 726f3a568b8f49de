package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process-wide defaults of the eager front-end: the backend new tensors are created on and the
 * generator layer initialisers draw from. The default backend is opened lazily, once, with
 * {@link Backends#openDefault()} (which honours {@code -Dtriad.backend} and
 * {@code TRIAD_BACKEND}); {@link #setDefaultBackend} overrides it.
 */
public final class Triad {
    private Triad() {}

    private static volatile Backend defaultBackend;
    private static final Map<String, Backend> OPENED = new ConcurrentHashMap<>();
    private static volatile Generator defaultGenerator = new Generator(0);

    /** The backend factories use; opened on first use. */
    public static Backend defaultBackend() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Triad.class) {
                b = defaultBackend;
                if (b == null) {
                    b = Backends.openDefault();
                    OPENED.putIfAbsent(b.name().toLowerCase(Locale.ROOT), b);
                    defaultBackend = b;
                }
            }
        }
        return b;
    }

    /** Makes {@code backend} the one factories use from now on. */
    public static void setDefaultBackend(Backend backend) {
        synchronized (Triad.class) {
            OPENED.putIfAbsent(backend.name().toLowerCase(Locale.ROOT), backend);
            defaultBackend = backend;
        }
    }

    /**
     * The backend called {@code name} (a device suffix such as {@code :0} is ignored), opened
     * on first request and shared afterwards.
     */
    public static Backend backend(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        int colon = key.indexOf(':');
        if (colon >= 0) key = key.substring(0, colon);
        Backend b = OPENED.get(key);
        if (b != null) return b;
        synchronized (Triad.class) {
            return OPENED.computeIfAbsent(key, Backends::open);
        }
    }

    /** The generator used when none is passed (layer initialisation, dropout, {@code rand}). */
    public static Generator defaultGenerator() { return defaultGenerator; }

    /** Reseeds the default generator, like {@code torch.manual_seed}. */
    public static void manualSeed(long seed) { defaultGenerator = new Generator(seed); }
}
