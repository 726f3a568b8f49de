package dev.triad.backend.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The disk half of the module cache: compiled images (cubin or PTX) keyed by a SHA-256 over
 * everything that decides the image — the source, the compiler options, the target
 * architecture and the NVRTC version — so that a toolkit upgrade or another GPU never loads a
 * stale image. Pure Java; the native half is {@link ModuleCache}.
 *
 * <p>The directory is {@code -Dtriad.cuda.cacheDir}, else {@code $TRIAD_CUDA_CACHE}, else
 * {@code $XDG_CACHE_HOME/triad/cuda} (default {@code ~/.cache/triad/cuda}); {@code off} keeps
 * the cache in memory only. Files are written under a temporary name and moved into place, so
 * concurrent JVMs never read half an image.
 */
public final class ModuleStore {
    /** System property naming the directory ({@code off} disables it). */
    public static final String DIR_PROPERTY = "triad.cuda.cacheDir";

    private final Path dir;

    /** A store in {@code dir}, or memory-only when null. */
    public ModuleStore(Path dir) { this.dir = dir; }

    /** The configured directory, or null when disabled. */
    public static Path configuredDir() {
        String s = System.getProperty(DIR_PROPERTY);
        if (s == null || s.isBlank()) s = System.getenv("TRIAD_CUDA_CACHE");
        if (s != null && s.trim().equalsIgnoreCase("off")) return null;
        if (s != null && !s.isBlank()) return Path.of(s.trim());
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("triad").resolve("cuda");
    }

    /** The cache key of one module. */
    public static String key(String source, List<String> options, ArchChoice arch, String compilerVersion) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {compilerVersion, arch.option(), String.join(" ", options), source}) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The directory, or null. */
    public Path dir() { return dir; }

    private Path file(String key, ArchChoice arch) {
        return dir.resolve(key + (arch.cubin() ? ".cubin" : ".ptx"));
    }

    /** The stored image, or null. */
    public byte[] read(String key, ArchChoice arch) {
        if (dir == null) return null;
        Path f = file(key, arch);
        try {
            return Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stores an image; a failure (read-only home, full disk) is reported and otherwise ignored. */
    public void write(String key, ArchChoice arch, byte[] image) {
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, image);
            Files.move(tmp, file(key, arch), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("triad: cuda: could not write the module cache in " + dir + ": " + e.getMessage());
        }
    }

    /** Forgets an image the driver rejected (after a driver change, say). */
    public void delete(String key, ArchChoice arch) {
        if (dir == null) return;
        try {
            Files.deleteIfExists(file(key, arch));
        } catch (IOException ignored) {
            // Another JVM may hold it; the rebuild does not need it gone.
        }
    }

    @Override
    public String toString() { return dir == null ? "memory only" : dir.toString(); }
}
