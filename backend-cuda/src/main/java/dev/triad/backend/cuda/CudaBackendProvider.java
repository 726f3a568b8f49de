package dev.triad.backend.cuda;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.BackendUnavailableException;

import java.util.List;
import java.util.Locale;

/**
 * Finds the CUDA backend. Creating the provider loads nothing; {@link #probe()} loads the
 * presets (and through them {@code libcuda.so.1}) once per JVM and turns every failure into a
 * reason: no driver, a stub driver, a driver without devices.
 *
 * <p><b>Priority.</b> {@value #PRIORITY}, above the CPU (10) and OpenCL (20) backends: when an
 * NVIDIA GPU is usable it is the default. {@link #priority()} is constant so that ranking
 * never loads a native library; an unavailable CUDA backend is skipped by its probe.
 *
 * <p><b>Device selection.</b> {@code -Dtriad.cuda.device=N} or {@code =name} (a substring of the
 * device name, case-insensitive), else the suffix of a requested backend name
 * ({@code -Dtriad.backend=cuda:1}), else device 0.
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cuda";
    /** The priority. */
    public static final int PRIORITY = 30;
    /** System property naming the device, by ordinal or name. */
    public static final String DEVICE_PROPERTY = "triad.cuda.device";

    private static final Object LOCK = new Object();
    private static Discovery shared;

    private final Discovery.Source source;
    private Discovery discovery;

    /** The provider ServiceLoader creates: discovers through the driver, once per JVM. */
    public CudaBackendProvider() { this(null); }

    /** A provider that discovers through {@code source} (tests simulate missing drivers with it). */
    public CudaBackendProvider(Discovery.Source source) { this.source = source; }

    @Override
    public String name() { return NAME; }

    @Override
    public int priority() { return PRIORITY; }

    /** What discovery found (cached). */
    public Discovery discovery() {
        if (source != null) {
            synchronized (this) {
                if (discovery == null) discovery = Discovery.safely(source);
                return discovery;
            }
        }
        synchronized (LOCK) {
            if (shared == null) shared = Discovery.driver();
            return shared;
        }
    }

    @Override
    public Availability probe() {
        Discovery d;
        try {
            d = discovery();
        } catch (Throwable t) { // belt and braces: discovery already catches everything
            return Availability.unavailable("looking for CUDA devices failed: " + t);
        }
        if (!d.found()) return Availability.unavailable(d.problem());
        StringBuilder b = new StringBuilder();
        for (DeviceInfo i : d.devices()) {
            if (b.length() > 0) b.append("; ");
            b.append(i.id()).append(' ').append(i.name()).append(" (").append(i.arch()).append(", ").append(i.totalMemory() >> 20)
                    .append(" MiB, driver CUDA ").append(i.driverText()).append(')');
        }
        return Availability.available(d.devices().size() + " device(s): " + b);
    }

    @Override
    public Backend open() { return open(selector()); }

    /** Opens the backend on the device {@code selector} names (ordinal or name substring; null for device 0). */
    @Override
    public Backend open(String selector) {
        Discovery d = discovery();
        if (!d.found()) throw new BackendUnavailableException("backend 'cuda' cannot run here: " + d.problem());
        DeviceInfo device = choose(d.devices(), selector);
        try {
            return new CudaBackend(device, d.devices());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new BackendUnavailableException("backend 'cuda' found " + device.name() + " but a CUDA library failed to load: " + e.getMessage(), e);
        }
    }

    /** The selector from the device property, else from a requested {@code cuda:X} backend name, else null. */
    static String selector() {
        String s = System.getProperty(DEVICE_PROPERTY);
        if (s != null && !s.isBlank()) return s.trim();
        String requested = Backends.requestedName();
        if (requested != null) {
            String r = requested.toLowerCase(Locale.ROOT);
            if (r.startsWith(NAME + ":")) return requested.substring(NAME.length() + 1).trim();
        }
        return null;
    }

    /** The device {@code selector} names among {@code devices}. */
    static DeviceInfo choose(List<DeviceInfo> devices, String selector) {
        if (selector == null || selector.isEmpty()) return devices.get(0);
        String sel = selector.toLowerCase(Locale.ROOT).startsWith(NAME + ":") ? selector.substring(NAME.length() + 1) : selector;
        if (!sel.isEmpty() && sel.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(sel);
            for (DeviceInfo d : devices) if (d.index() == i) return d;
            throw new BackendUnavailableException("no CUDA device " + NAME + ":" + i + "; found " + describe(devices));
        }
        String lower = sel.toLowerCase(Locale.ROOT);
        for (DeviceInfo d : devices) if (d.name().toLowerCase(Locale.ROOT).contains(lower)) return d;
        throw new BackendUnavailableException("no CUDA device whose name contains '" + sel + "'; found " + describe(devices));
    }

    private static String describe(List<DeviceInfo> devices) {
        StringBuilder b = new StringBuilder();
        for (DeviceInfo d : devices) b.append(b.length() == 0 ? "" : ", ").append(d.id()).append(" (").append(d.name()).append(')');
        return b.toString();
    }
}
