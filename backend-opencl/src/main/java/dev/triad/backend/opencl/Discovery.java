package dev.triad.backend.opencl;

import java.util.List;

/**
 * The outcome of looking for OpenCL devices: the devices, or why there are none.
 *
 * @param devices every device of every platform, in {@code opencl:N} order
 * @param problem why no device can be used (no ICD loader, no platform, no device), or null
 */
public record Discovery(List<DeviceInfo> devices, String problem) {
    /** Copies the list. */
    public Discovery {
        devices = List.copyOf(devices);
    }

    /** Devices were found. */
    public static Discovery of(List<DeviceInfo> devices) {
        return devices.isEmpty() ? none("OpenCL platforms were found but they report no device") : new Discovery(devices, null);
    }

    /** Nothing usable, because of {@code problem}. */
    public static Discovery none(String problem) { return new Discovery(List.of(), problem); }

    /** True when at least one device was found. */
    public boolean found() { return !devices.isEmpty(); }

    /** True when some device is a GPU or accelerator. */
    public boolean hasGpu() { return devices.stream().anyMatch(DeviceInfo::gpu); }

    /** Looks for devices. Implementations never throw: every failure becomes {@link #none}. */
    @FunctionalInterface
    public interface Source {
        /** The devices found, or why there are none. */
        Discovery discover();
    }
}
