package dev.triad.backend.cuda;

import dev.triad.spi.backend.Device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What discovery learned about one CUDA device.
 *
 * @param index the driver's device ordinal
 * @param name the marketing name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param major compute capability, major
 * @param minor compute capability, minor
 * @param totalMemory global memory in bytes
 * @param multiprocessors streaming multiprocessors
 * @param driverVersion the driver's CUDA version, e.g. 13010 for 13.1
 */
public record DeviceInfo(int index, String name, int major, int minor, long totalMemory, int multiprocessors, int driverVersion) {
    /** The selector users type, e.g. {@code cuda:0}. */
    public String id() { return CudaBackendProvider.NAME + ":" + index; }

    /** {@code sm_90} style architecture name. */
    public String arch() { return "sm_" + major + minor; }

    /** The driver version as {@code 13.1}. */
    public String driverText() { return driverVersion / 1000 + "." + (driverVersion % 1000) / 10; }

    /** The SPI description, with the facts worth showing; {@code extra} is appended (library versions, policies). */
    public Device toDevice(Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("compute_capability", major + "." + minor);
        p.put("memory_mib", String.valueOf(totalMemory >> 20));
        p.put("multiprocessors", String.valueOf(multiprocessors));
        p.put("driver_cuda", driverText());
        p.putAll(extra);
        return new Device(id(), name, p);
    }
}
