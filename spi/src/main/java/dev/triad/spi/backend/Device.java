package dev.triad.spi.backend;

import java.util.Map;

/**
 * One device of a backend.
 *
 * @param id the selector users type, e.g. {@code cpu:0} or {@code opencl:1}
 * @param name a human description, e.g. the CPU model
 * @param properties facts worth showing ({@code threads}, {@code simd_bits}, versions, ...), in display order
 */
public record Device(String id, String name, Map<String, String> properties) {
    /** Creates a device description; properties are copied. */
    public Device {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
