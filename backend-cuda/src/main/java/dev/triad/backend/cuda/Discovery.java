package dev.triad.backend.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * What the probe found: the CUDA devices, or why there are none. The only class besides an
 * opened backend's that touches the presets, and it does so inside {@link #discover()}, which
 * never throws: a missing driver makes the presets' class initialisation fail with
 * {@link UnsatisfiedLinkError} (or {@link NoClassDefFoundError} on a second attempt), and that
 * becomes the reason "no CUDA driver".
 *
 * @param devices the devices found (empty when none)
 * @param problem why there are none, or null
 */
public record Discovery(List<DeviceInfo> devices, String problem) {
    /** Copies the list. */
    public Discovery {
        devices = List.copyOf(devices);
    }

    /** True when at least one device was found. */
    public boolean found() { return !devices.isEmpty(); }

    /** No device, because of {@code why}. */
    public static Discovery none(String why) { return new Discovery(List.of(), why); }

    /** Something that discovers devices (the driver, or a test's stand-in). */
    @FunctionalInterface
    public interface Source {
        /** Finds the devices; may throw, the caller turns that into a reason. */
        Discovery discover() throws Throwable;
    }

    /** Discovers through {@code source}, turning every failure into a reason. */
    public static Discovery safely(Source source) {
        try {
            return source.discover();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return none(noDriver(e));
        } catch (Throwable t) {
            return none("looking for CUDA devices failed: " + t);
        }
    }

    /** The reason for a presets class that could not load its native libraries. */
    static String noDriver(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String detail = root.getMessage() == null ? root.toString() : root.getMessage();
        return "no CUDA driver (the NVIDIA driver's libcuda.so.1 could not be loaded: " + firstLine(detail) + ")";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Discovery through the driver API; loads the presets. */
    public static Discovery driver() {
        return safely(Discovery::driverUnchecked);
    }

    private static Discovery driverUnchecked() {
        int rc = org.bytedeco.cuda.global.cudart.cuInit(0);
        if (rc == 100) return none("the CUDA driver is installed but found no CUDA device (CUDA_ERROR_NO_DEVICE)");
        if (rc == 34) return none("no CUDA driver: libcuda.so.1 is the toolkit's stub library, not a real driver (CUDA_ERROR_STUB_LIBRARY)");
        if (rc != 0) return none("cuInit failed with " + CudaErrors.name(CudaErrors.Library.DRIVER, rc) + " (" + rc + ")");
        int[] version = new int[1];
        org.bytedeco.cuda.global.cudart.cuDriverGetVersion(version);
        int[] count = new int[1];
        rc = org.bytedeco.cuda.global.cudart.cuDeviceGetCount(count);
        if (rc != 0) return none("cuDeviceGetCount failed with " + CudaErrors.name(CudaErrors.Library.DRIVER, rc));
        if (count[0] == 0) return none("the CUDA driver is installed but found no CUDA device");
        List<DeviceInfo> out = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) out.add(DriverQueries.device(i, version[0]));
        return new Discovery(out, null);
    }
}
