package dev.triad.backend.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Facts about the host CPU for device properties and the probe; every lookup falls back instead of throwing. */
final class CpuInfo {
    private CpuInfo() {}

    /** The CPU model from {@code /proc/cpuinfo}, else the architecture name. */
    static String model() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon >= 0 && colon + 1 < line.length()) return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: the architecture name still says something useful.
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** The preferred vector width of the Vector API for floats, in bits. */
    static int simdBits() {
        return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** The instruction set a vector width most likely means on this architecture. */
    static String simdName(int bits) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x86 = arch.contains("amd64") || arch.contains("x86");
        if (x86) return bits >= 512 ? "AVX-512" : bits >= 256 ? "AVX2" : bits >= 128 ? "SSE" : "scalar";
        if (arch.contains("aarch64") || arch.contains("arm")) return bits > 128 ? "SVE" : "NEON";
        return arch.isEmpty() ? "unknown ISA" : arch;
    }

    /** Physical memory in bytes, or -1 when the JVM cannot tell. */
    static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // Fall through: the property then says "unknown".
        }
        return -1;
    }

    /** A byte count for people, e.g. {@code 15.6 GiB}. */
    static String formatBytes(long bytes) {
        if (bytes < 0) return "unknown";
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
