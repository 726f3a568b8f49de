package dev.triad.backend.opencl;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.BackendUnavailableException;

import java.util.List;
import java.util.Locale;

/**
 * Finds the OpenCL backend. The probe lists every platform's devices; where there is no ICD
 * loader, no platform or no device it says which, and never throws.
 *
 * <p><b>Priority.</b> 20 (above the CPU backend's 10) when some device is a GPU or
 * accelerator; otherwise 5, below the CPU backend. On a machine whose only OpenCL device is a
 * CPU (PoCL in CI) the native CPU backend is faster and stays the default, and OpenCL is used
 * only when named ({@code -Dtriad.backend=opencl} or {@code Backends.open("opencl")}). Knowing
 * the device types needs the OpenCL runtime, so {@link #priority()} runs the (cached)
 * discovery: the one place this provider loads its native library before being chosen,
 * because the ranking depends on what is installed.
 *
 * <p><b>Device selection.</b> {@code -Dtriad.opencl.device=N} or {@code =name} (a substring of
 * the device name, case-insensitive), else the suffix of a requested backend name
 * ({@code -Dtriad.backend=opencl:1}), else the first GPU, else device 0.
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "opencl";
    /** System property naming the device, by index or name. */
    public static final String DEVICE_PROPERTY = "triad.opencl.device";
    /** Priority when a GPU or accelerator is present. */
    public static final int GPU_PRIORITY = 20;
    /** Priority when only CPU devices are present, below the native CPU backend. */
    public static final int CPU_ONLY_PRIORITY = 5;

    private static final Object LOCK = new Object();
    private static Discovery shared;

    private final Discovery.Source source;
    private Discovery discovery;

    /** The provider ServiceLoader creates: discovers through JOCL, once per JVM. */
    public OpenClBackendProvider() { this(null); }

    /** A provider that discovers through {@code source} (tests simulate missing runtimes with it). */
    public OpenClBackendProvider(Discovery.Source source) { this.source = source; }

    @Override
    public String name() { return NAME; }

    @Override
    public int priority() { return discovery().hasGpu() ? GPU_PRIORITY : CPU_ONLY_PRIORITY; }

    /** What discovery found (cached). */
    public Discovery discovery() {
        if (source != null) {
            synchronized (this) {
                if (discovery == null) discovery = safe(source);
                return discovery;
            }
        }
        synchronized (LOCK) {
            if (shared == null) shared = safe(new JoclDiscovery());
            return shared;
        }
    }

    private static Discovery safe(Discovery.Source s) {
        try {
            return s.discover();
        } catch (Throwable t) {
            return Discovery.none("looking for OpenCL devices failed: " + t);
        }
    }

    @Override
    public Availability probe() {
        Discovery d = discovery();
        if (!d.found()) return Availability.unavailable(d.problem());
        StringBuilder b = new StringBuilder();
        for (DeviceInfo i : d.devices()) {
            if (b.length() > 0) b.append("; ");
            b.append(i.id()).append(' ').append(i.name()).append(" (").append(i.gpu() ? "GPU" : "CPU").append(", ").append(i.version()).append(')');
        }
        return Availability.available(d.devices().size() + " device(s): " + b);
    }

    @Override
    public Backend open() { return open(selector()); }

    /**
     * Opens the backend on the device chosen by {@code selector}: an index ({@code 1}), a
     * name substring ({@code pthread}), or null for the default choice.
     */
    @Override
    public Backend open(String selector) {
        Discovery d = discovery();
        if (!d.found()) throw new BackendUnavailableException("backend 'opencl' cannot run here: " + d.problem());
        DeviceInfo device = choose(d.devices(), selector);
        return new OpenClBackend(device, d.devices());
    }

    /** The selector from the device property, else from a requested {@code opencl:X} backend name, else null. */
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
        if (selector == null || selector.isEmpty()) {
            return devices.stream().filter(DeviceInfo::gpu).findFirst().orElse(devices.get(0));
        }
        String sel = selector.startsWith(NAME + ":") ? selector.substring(NAME.length() + 1) : selector;
        if (sel.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(sel);
            if (i >= devices.size()) {
                throw new BackendUnavailableException("no OpenCL device " + NAME + ":" + i + "; found " + describe(devices));
            }
            return devices.get(i);
        }
        String lower = sel.toLowerCase(Locale.ROOT);
        for (DeviceInfo d : devices) {
            if (d.name().toLowerCase(Locale.ROOT).contains(lower)) return d;
        }
        throw new BackendUnavailableException("no OpenCL device whose name contains '" + sel + "'; found " + describe(devices));
    }

    private static String describe(List<DeviceInfo> devices) {
        StringBuilder b = new StringBuilder();
        for (DeviceInfo d : devices) b.append(b.length() == 0 ? "" : ", ").append(d.id()).append(" (").append(d.name()).append(')');
        return b.toString();
    }
}
