package dev.triad.bench.report;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Device;

import jdk.incubator.vector.FloatVector;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The machine a report was measured on: CPU, SIMD width, JDK, OS, load, every backend found
 * (version, availability, devices) and the source revision. Every lookup falls back to
 * "unknown" rather than failing the run.
 *
 * @param cpuModel the CPU model name
 * @param logicalCpus processors available to the JVM
 * @param coresPerSocket physical cores per socket as the kernel reports them (-1 unknown)
 * @param simdBits the Vector API's preferred float vector width (-1 unknown)
 * @param isa notable instruction-set extensions present
 * @param jdk vendor, version and VM name
 * @param os name, version and architecture
 * @param memoryBytes physical memory (-1 unknown)
 * @param revision the source revision (git commit), or "unknown"
 * @param jmhVersion the JMH version
 * @param backends every backend ServiceLoader found
 * @param frontends every front-end style and whether it is benchmarked
 */
public record MachineInfo(String cpuModel, int logicalCpus, int coresPerSocket, int simdBits, List<String> isa, String jdk, String os,
                          long memoryBytes, String revision, String jmhVersion, List<BackendInfo> backends, List<FrontendInfo> frontends) {
    /**
     * One backend.
     *
     * @param name its name
     * @param version the version of the jar it came from
     * @param priority its selection priority
     * @param available whether it runs here
     * @param reason the probe's description or why it cannot run
     * @param devices its devices (empty when unavailable)
     */
    public record BackendInfo(String name, String version, int priority, boolean available, String reason, List<Device> devices) {}

    /**
     * One front-end style.
     *
     * @param name {@code eager}, {@code eager-compiled}, {@code graph} or {@code functional}
     * @param benchmarked whether the training and compile benchmarks include it
     * @param note how it is driven, or why it is missing
     */
    public record FrontendInfo(String name, boolean benchmarked, String note) {}

    private static final Set<String> NOTABLE_ISA = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16",
            "avx512_vnni", "avx512_fp16", "amx_bf16", "amx_tile", "asimd", "sve", "sve2");

    /** Collects everything; opens each available backend briefly to list its devices. */
    public static MachineInfo collect() {
        Map<String, String> cpu = cpuinfo();
        List<String> isa = new ArrayList<>();
        String flags = cpu.getOrDefault("flags", cpu.getOrDefault("Features", ""));
        for (String f : flags.split("\\s+")) if (NOTABLE_ISA.contains(f)) isa.add(f);
        int cores = -1;
        try {
            cores = Integer.parseInt(cpu.getOrDefault("cpu cores", "-1").trim());
        } catch (NumberFormatException e) {
            // Some kernels (and containers) leave it out.
        }
        return new MachineInfo(cpu.getOrDefault("model name", System.getProperty("os.arch")), Runtime.getRuntime().availableProcessors(),
                cores, probeSimdBits(), isa,
                System.getProperty("java.vm.vendor", "?") + " " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readPhysicalMemory(), readRevision(), readJmhVersion(), findBackends(), listFrontends());
    }

    /** The current one-minute load average, or NaN. */
    public static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    private static Map<String, String> cpuinfo() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                m.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the JVM's own properties still fill in the rest.
        }
        return m;
    }

    private static int probeSimdBits() {
        try {
            return FloatVector.SPECIES_PREFERRED.vectorBitSize();
        } catch (LinkageError e) {
            return -1; // the JVM was started without --add-modules jdk.incubator.vector
        }
    }

    private static long readPhysicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getTotalMemorySize();
        return -1;
    }

    /** The git commit of the working directory, read from {@code .git} without running git. */
    static String readRevision() {
        try {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve(".git"))) dir = dir.getParent();
            if (dir == null) return "unknown";
            Path git = dir.resolve(".git");
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) return head;
            String ref = head.substring(5);
            Path refFile = git.resolve(ref);
            if (Files.exists(refFile)) return Files.readString(refFile).trim() + " (" + ref + ")";
            Path packed = git.resolve("packed-refs");
            if (Files.exists(packed)) {
                for (String line : Files.readAllLines(packed)) if (line.endsWith(" " + ref)) return line.substring(0, line.indexOf(' ')) + " (" + ref + ")";
            }
            return ref;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readJmhVersion() {
        try (InputStream in = MachineInfo.class.getResourceAsStream("/META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties")) {
            if (in == null) return "1.37";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "1.37");
        } catch (IOException e) {
            return "1.37";
        }
    }

    /** The version of the jar a backend provider came from. */
    static String version(BackendProvider p) {
        String resource = "/META-INF/maven/dev.triad/triad-backend-" + p.name() + "/pom.properties";
        try (InputStream in = p.getClass().getResourceAsStream(resource)) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // Fall through to the code source.
        }
        try {
            return Path.of(p.getClass().getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static List<BackendInfo> findBackends() {
        List<BackendInfo> out = new ArrayList<>();
        for (Backends.Probed p : Backends.probeAll()) {
            List<Device> devices = List.of();
            if (p.availability().available()) {
                try (Backend b = p.provider().open()) {
                    devices = b.devices();
                } catch (RuntimeException e) {
                    out.add(new BackendInfo(p.provider().name(), version(p.provider()), p.provider().priority(), false, "open failed: " + e.getMessage(), List.of()));
                    continue;
                }
            }
            out.add(new BackendInfo(p.provider().name(), version(p.provider()), p.provider().priority(), p.availability().available(),
                    p.availability().reason(), devices));
        }
        return out;
    }

    /** The four front-end styles the issue names, and which of them exist to be benchmarked. */
    static List<FrontendInfo> listFrontends() {
        return List.of(
                new FrontendInfo("eager", true, "PyTorch style: nn modules, tape autograd, optimizer.step()"),
                new FrontendInfo("eager-compiled", false, "not available: triad-eager has no compile API yet"),
                new FrontendInfo("graph", present("dev.triad.graph.Session"), "TensorFlow-1 style: GraphBuilder, optimizer update ops, Session.run"),
                new FrontendInfo("functional", present("dev.triad.functional.Transforms"), "JAX style: jit(valueAndGrad + optax-style update)"));
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MachineInfo.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Names of the backends that run here, in priority order. */
    public List<String> availableBackends() {
        List<String> out = new ArrayList<>();
        for (BackendInfo b : backends) if (b.available()) out.add(b.name());
        return out;
    }
}
