package dev.triad.eager.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where data sets are looked for: a directory the user names (then only there), else the cache
 * that {@link DatasetFetcher} fills ({@code $TRIAD_DATA_DIR}, default
 * {@code ~/.cache/triad/datasets}, one sub-directory per data set), and for Fashion-MNIST also
 * the directory of Debian's package ({@code /usr/share/datasets/fashion-mnist}).
 *
 * @param userDir   a directory named by the user, or null
 * @param cacheDir  the cache root
 * @param systemDir where Debian's dataset packages install ({@code /usr/share/datasets})
 */
public record DataDirectories(Path userDir, Path cacheDir, Path systemDir) {
    /** Environment variable that moves the cache. */
    public static final String ENV = "TRIAD_DATA_DIR";
    /** The root Debian's {@code dataset-*} packages install under. */
    public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    /** Both directories other than the user's are required. */
    public DataDirectories {
        if (cacheDir == null || systemDir == null) throw new IllegalArgumentException("cache and system directories are required");
    }

    /** The defaults, with no user directory. */
    public static DataDirectories defaults() { return withUserDir(null); }

    /** The default cache and system directories, plus {@code userDir} (may be null). */
    public static DataDirectories withUserDir(Path userDir) {
        String env = System.getenv(ENV);
        Path cache = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "triad", "datasets");
        return new DataDirectories(userDir, cache, DEBIAN_DATASETS);
    }

    /** The cache sub-directory of a data set, e.g. {@code ~/.cache/triad/datasets/mnist}. */
    public Path cacheFor(DatasetId id) { return cacheDir.resolve(id.id()); }

    /** Where Debian's package puts a data set (only Fashion-MNIST comes from Debian). */
    public Path systemFor(DatasetId id) { return systemDir.resolve(id.id()); }

    /** The directories searched for a data set, in order. */
    public List<Path> searchPath(DatasetId id) {
        List<Path> dirs = new ArrayList<>();
        if (userDir != null) {
            dirs.add(userDir);
            dirs.add(userDir.resolve(id.id()));
            return dirs;
        }
        dirs.add(cacheFor(id));
        if (id == DatasetId.FASHION_MNIST) dirs.add(systemFor(id));
        return dirs;
    }

    /**
     * The image and label files of one split.
     *
     * @param images the IDX image file
     * @param labels the IDX label file
     */
    public record SplitFiles(Path images, Path labels) {}

    /** The split's files from the first directory that has both, or null. */
    public SplitFiles find(DatasetId id, Split split) {
        for (Path dir : searchPath(id)) {
            Path images = existing(dir, split.imagesFile()), labels = existing(dir, split.labelsFile());
            if (images != null && labels != null) return new SplitFiles(images, labels);
        }
        return null;
    }

    /** True when both splits are present in one of the search directories. */
    public boolean hasAll(DatasetId id) {
        return find(id, Split.TRAIN) != null && find(id, Split.TEST) != null;
    }

    private static Path existing(Path dir, String name) {
        for (String n : new String[] {name, name + ".gz"}) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
