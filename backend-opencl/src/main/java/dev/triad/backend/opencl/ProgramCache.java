package dev.triad.backend.opencl;

import dev.triad.spi.backend.JvmSignalGuard;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Built programs, keyed by a hash of the device identity, the build options and the source:
 * in memory for the backend's lifetime and on disk as the device's program binary, so a second
 * run (another JVM) loads the binary instead of compiling the source. A binary the driver
 * rejects (after a driver update, say) is deleted and the source is built again.
 *
 * <p>Saving binaries is skipped on PoCL unless {@code -Dtriad.opencl.binaryCache=on}: asking
 * PoCL for a program binary makes it compile every kernel of the program for every work-group
 * size at once (half of a cold conformance run's compile time, mostly for kernels never
 * launched), and PoCL already keeps its own kernel cache ({@code POCL_CACHE_DIR}). Drivers
 * without such a cache (GPU vendors' vary) get the binary cache.
 *
 * <p>The disk cache lives in {@code -Dtriad.opencl.cacheDir}, else {@code $TRIAD_OPENCL_CACHE},
 * else {@code $XDG_CACHE_HOME/triad/opencl} (default {@code ~/.cache/triad/opencl}); the value
 * {@code off} keeps it in memory only. Files are written to a temporary name and moved into
 * place, so concurrent JVMs never read half a file.
 */
final class ProgramCache implements AutoCloseable {
    /** System property naming the disk cache directory ({@code off} disables it). */
    static final String DIR_PROPERTY = "triad.opencl.cacheDir";
    /** System property: {@code on}, {@code off} or {@code auto} (off on PoCL, on elsewhere) for saving binaries. */
    static final String BINARY_PROPERTY = "triad.opencl.binaryCache";

    /** Whether to save program binaries on a platform called {@code platformName}. */
    static boolean saveBinaries(String platformName) {
        String s = System.getProperty(BINARY_PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("on") || s.equals("true")) return true;
        if (s.equals("off") || s.equals("false")) return false;
        return !platformName.contains("Portable Computing Language");
    }

    private final cl_context context;
    private final cl_device_id device;
    private final String deviceIdentity;
    private final Path dir;
    private final boolean saveBinaries;
    private final Map<String, cl_program> memory = new HashMap<>();
    private final AtomicLong memoryHits = new AtomicLong(), diskHits = new AtomicLong(), sourceBuilds = new AtomicLong();

    /**
     * @param dir the disk cache directory, or null for memory only
     * @param saveBinaries whether built programs are written to {@code dir} (cached ones are read either way)
     */
    ProgramCache(cl_context context, cl_device_id device, String deviceIdentity, Path dir, boolean saveBinaries) {
        this.context = context;
        this.device = device;
        this.deviceIdentity = deviceIdentity;
        this.dir = dir;
        this.saveBinaries = saveBinaries;
    }

    /** The configured disk cache directory, or null when disabled. */
    static Path configuredDir() {
        String s = System.getProperty(DIR_PROPERTY);
        if (s == null || s.isBlank()) s = System.getenv("TRIAD_OPENCL_CACHE");
        if (s != null && s.trim().equalsIgnoreCase("off")) return null;
        if (s != null && !s.isBlank()) return Path.of(s.trim());
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("triad").resolve("opencl");
    }

    /** The cache key of a program: SHA-256 over device identity, options and source. */
    static String key(String deviceIdentity, String options, String source) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(deviceIdentity.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(options.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The built program for {@code source} (named {@code name} in errors). */
    synchronized cl_program get(String name, String source, String options) {
        String key = key(deviceIdentity, options, source);
        cl_program p = memory.get(key);
        if (p != null) {
            memoryHits.incrementAndGet();
            return p;
        }
        // PoCL's compiler (LLVM) may install its own signal handlers while it builds.
        p = JvmSignalGuard.restoringAfter(() -> fromDisk(key, options));
        if (p != null) {
            diskHits.incrementAndGet();
        } else {
            p = JvmSignalGuard.restoringAfter(() -> fromSource(name, source, options));
            sourceBuilds.incrementAndGet();
            toDisk(key, p);
        }
        memory.put(key, p);
        return p;
    }

    private Path file(String key) { return dir.resolve(key + ".bin"); }

    private cl_program fromDisk(String key, String options) {
        if (dir == null) return null;
        Path f = file(key);
        if (!Files.isRegularFile(f)) return null;
        byte[] binary;
        try {
            binary = Files.readAllBytes(f);
        } catch (IOException e) {
            return null;
        }
        int[] rc = Cl.status();
        int[] binaryStatus = new int[1];
        cl_program p = CL.clCreateProgramWithBinary(context, 1, new cl_device_id[] {device}, new long[] {binary.length},
                new byte[][] {binary}, binaryStatus, rc);
        if (rc[0] != CL.CL_SUCCESS || binaryStatus[0] != CL.CL_SUCCESS
                || CL.clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null) != CL.CL_SUCCESS) {
            // A stale or foreign binary: forget it and build from source.
            if (p != null) Cl.check("clReleaseProgram(rejected binary)", CL.clReleaseProgram(p));
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // Another JVM may hold it; the source build below does not need it gone.
            }
            return null;
        }
        return p;
    }

    private cl_program fromSource(String name, String source, String options) {
        int[] rc = Cl.status();
        cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, rc);
        Cl.check("clCreateProgramWithSource(" + name + ")", rc[0]);
        int code = CL.clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null);
        if (code != CL.CL_SUCCESS) {
            String log = buildLog(p);
            OpenClException e = new OpenClException(null, "clBuildProgram(" + name + ", options '" + options + "')", code, log);
            OpenClException release = Cl.collect(null, "clReleaseProgram(" + name + ")", CL.clReleaseProgram(p));
            if (release != null) e.addSuppressed(release);
            throw e;
        }
        return p;
    }

    /** The compiler's log for {@code p} on this device (empty when none). */
    String buildLog(cl_program p) {
        long[] size = new long[1];
        int rc = CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        if (rc != CL.CL_SUCCESS) return "(the build log is unavailable: clGetProgramBuildInfo failed with " + ClErrors.name(rc) + ")";
        byte[] buf = new byte[(int) size[0]];
        rc = CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        if (rc != CL.CL_SUCCESS) return "(the build log is unavailable: clGetProgramBuildInfo failed with " + ClErrors.name(rc) + ")";
        return Cl.cString(buf);
    }

    private void toDisk(String key, cl_program p) {
        if (dir == null || !saveBinaries) return;
        try {
            long[] size = new long[1];
            Cl.check("clGetProgramInfo(CL_PROGRAM_BINARY_SIZES)", CL.clGetProgramInfo(p, CL.CL_PROGRAM_BINARY_SIZES, 8, Pointer.to(size), null));
            if (size[0] <= 0) return; // the driver offers no binary: memory cache only
            byte[] binary = new byte[(int) size[0]];
            Cl.check("clGetProgramInfo(CL_PROGRAM_BINARIES)",
                    CL.clGetProgramInfo(p, CL.CL_PROGRAM_BINARIES, org.jocl.Sizeof.POINTER, Pointer.to(new Pointer[] {Pointer.to(binary)}), null));
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, binary);
            Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | OpenClException e) {
            // The cache is an optimisation: a read-only home or a full disk must not fail the run.
            System.err.println("triad: opencl: could not write the program cache in " + dir + ": " + e.getMessage());
        }
    }

    /** Programs served from memory. */
    long memoryHits() { return memoryHits.get(); }

    /** Programs loaded from a cached binary. */
    long diskHits() { return diskHits.get(); }

    /** Programs compiled from source. */
    long sourceBuilds() { return sourceBuilds.get(); }

    /** The disk cache directory, or null. */
    Path dir() { return dir; }

    @Override
    public synchronized void close() {
        OpenClException failure = null;
        for (cl_program p : memory.values()) failure = Cl.collect(failure, "clReleaseProgram", CL.clReleaseProgram(p));
        memory.clear();
        if (failure != null) throw failure;
    }
}
