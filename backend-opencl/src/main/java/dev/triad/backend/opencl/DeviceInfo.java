package dev.triad.backend.opencl;

import dev.triad.spi.backend.Device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probe learned about one OpenCL device.
 *
 * @param index position among all devices of all platforms; the {@code N} of {@code opencl:N}
 * @param handle the {@code cl_device_id} (null in tests that describe devices without a runtime)
 * @param platform the platform's name and version
 * @param name the device name
 * @param vendor the device vendor
 * @param version the device's OpenCL version string
 * @param openclC the OpenCL C version its compiler accepts
 * @param driver the driver version
 * @param gpu true for GPU (and accelerator) devices, false for CPUs
 * @param computeUnits parallel compute units
 * @param globalMemory global memory in bytes
 * @param localMemory local memory per work-group in bytes
 * @param maxAlloc largest single buffer in bytes
 * @param maxWorkGroup largest work-group
 * @param fp64 whether {@code cl_khr_fp64} (double) is supported
 * @param fp16 whether {@code cl_khr_fp16} (half arithmetic) is supported
 * @param extensions every extension the device reports
 */
public record DeviceInfo(int index, Object handle, String platform, String name, String vendor, String version, String openclC,
                         String driver, boolean gpu, long computeUnits, long globalMemory, long localMemory, long maxAlloc,
                         long maxWorkGroup, boolean fp64, boolean fp16, List<String> extensions) {
    /** Copies the extension list. */
    public DeviceInfo {
        extensions = List.copyOf(extensions);
    }

    /** The selector users type, e.g. {@code opencl:0}. */
    public String id() { return OpenClBackendProvider.NAME + ":" + index; }

    /** A stable identity for cache keys: what decides the code a compiler emits. */
    public String cacheIdentity() { return platform + "|" + name + "|" + vendor + "|" + version + "|" + driver; }

    /** The SPI device description, with the facts a user wants to see. */
    public Device toDevice(boolean selected) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", gpu ? "GPU" : "CPU");
        p.put("platform", platform);
        p.put("vendor", vendor);
        p.put("opencl", version);
        p.put("opencl_c", openclC);
        p.put("driver", driver);
        p.put("compute_units", String.valueOf(computeUnits));
        p.put("global_memory", mib(globalMemory));
        p.put("local_memory", (localMemory / 1024) + " KiB");
        p.put("max_work_group", String.valueOf(maxWorkGroup));
        p.put("fp64", fp64 ? "yes" : "no");
        p.put("fp16", fp16 ? "yes" : "no (F16 and BF16 are stored as 16 bits and computed in F32)");
        p.put("extensions", String.join(" ", extensions));
        p.put("selected", selected ? "yes" : "no (select with -Dtriad.opencl.device=" + index + ")");
        return new Device(id(), name, p);
    }

    private static String mib(long bytes) { return (bytes >> 20) + " MiB"; }
}
