package dev.triad.spi.backend;

import dev.triad.spi.error.BackendUnavailableException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends on the class path and selects one: by explicit name, else the
 * {@code triad.backend} system property or {@code TRIAD_BACKEND} environment variable, else
 * the available backend with the highest priority. Selection is never silent about what it
 * skipped: the error lists every candidate's reason.
 */
public final class Backends {
    private Backends() {}

    static {
        // Records the JVM's signal handlers before any backend loads native code that replaces them.
        JvmSignalGuard.active();
    }

    /** The property that names the backend to use. */
    public static final String PROPERTY = "triad.backend";
    /** The environment variable that names the backend to use. */
    public static final String ENV = "TRIAD_BACKEND";

    /** A provider with what its probe found. */
    public record Probed(BackendProvider provider, Availability availability) {}

    /** Every provider ServiceLoader finds, highest priority first. Broken entries are reported, not thrown. */
    public static List<BackendProvider> providers() { return providers(ServiceLoader.load(BackendProvider.class)); }

    /**
     * Every provider visible to {@code loader} (for example a {@link java.net.URLClassLoader} over
     * backend JARs that are not on the class path), highest priority first. Broken entries are
     * reported, not thrown.
     */
    public static List<BackendProvider> providers(ClassLoader loader) { return providers(ServiceLoader.load(BackendProvider.class, loader)); }

    private static List<BackendProvider> providers(ServiceLoader<BackendProvider> loader) {
        List<BackendProvider> out = new ArrayList<>();
        Iterator<BackendProvider> it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                System.err.println("triad: skipping a backend provider that failed to load: " + e);
            }
        }
        out.sort(Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name));
        return out;
    }

    /** Every provider with its probe result; a probe that throws anyway counts as unavailable. */
    public static List<Probed> probeAll() {
        List<Probed> out = new ArrayList<>();
        for (BackendProvider p : providers()) out.add(new Probed(p, safeProbe(p)));
        return out;
    }

    /** Every provider visible to {@code loader} with its probe result (see {@link #providers(ClassLoader)}). */
    public static List<Probed> probeAll(ClassLoader loader) {
        List<Probed> out = new ArrayList<>();
        for (BackendProvider p : providers(loader)) out.add(new Probed(p, safeProbe(p)));
        return out;
    }

    /** Probes one provider; a probe that throws anyway counts as unavailable, with what it threw. */
    public static Availability probe(BackendProvider p) { return safeProbe(p); }

    static Availability safeProbe(BackendProvider p) {
        try {
            return JvmSignalGuard.restoringAfter(p::probe);
        } catch (Throwable t) {
            return Availability.unavailable("probe failed: " + t);
        }
    }

    /** Opens {@code p} (on {@code device} when not null), keeping the JVM's signal handlers (see {@link JvmSignalGuard}). */
    private static Backend openGuarded(BackendProvider p, String device) {
        return JvmSignalGuard.restoringAfter(() -> device == null ? p.open() : p.open(device));
    }

    /** The name requested by property or environment, or null. */
    public static String requestedName() {
        String n = System.getProperty(PROPERTY);
        if (n == null || n.isBlank()) n = System.getenv(ENV);
        return n == null || n.isBlank() ? null : n.trim();
    }

    /**
     * Opens the backend called {@code name}; a device suffix ({@code opencl:1},
     * {@code cuda:gtx}) is handed to the provider, which opens that device or says it has none
     * such.
     */
    public static Backend open(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        String device = null;
        int colon = wanted.indexOf(':');
        if (colon >= 0) {
            device = name.trim().substring(colon + 1).trim();
            wanted = wanted.substring(0, colon);
        }
        List<String> seen = new ArrayList<>();
        for (BackendProvider p : providers()) {
            seen.add(p.name());
            if (!p.name().equalsIgnoreCase(wanted)) continue;
            Availability a = safeProbe(p);
            if (!a.available()) throw new BackendUnavailableException("backend '" + p.name() + "' cannot run here: " + a.reason());
            return openGuarded(p, device);
        }
        throw new BackendUnavailableException("no backend named '" + name + "' on the class path; found " + seen);
    }

    /** Opens the requested backend, or the best available one. */
    public static Backend openDefault() {
        String requested = requestedName();
        if (requested != null) return open(requested);
        StringBuilder why = new StringBuilder();
        for (Probed p : probeAll()) {
            if (p.availability().available()) {
                try {
                    return openGuarded(p.provider(), null);
                } catch (RuntimeException e) {
                    why.append("\n  ").append(p.provider().name()).append(": open failed: ").append(e.getMessage());
                    continue;
                }
            }
            why.append("\n  ").append(p.provider().name()).append(": ").append(p.availability().reason());
        }
        throw new BackendUnavailableException("no backend is available:" + (why.length() == 0 ? " none on the class path" : why.toString()));
    }
}
