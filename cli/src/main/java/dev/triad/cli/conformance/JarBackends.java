package dev.triad.cli.conformance;

import dev.triad.conformance.run.SuiteRunner;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Backends on the class path plus those in extra JARs, found by {@link java.util.ServiceLoader}
 * through a {@link URLClassLoader} over the JARs (whose parent is the class path, so a JAR
 * needs only the SPI from us). Each backend is labelled with where it came from. Close it
 * after the run: the loader must stay open while the backends run.
 */
public final class JarBackends implements AutoCloseable {
    /** The label of backends found on the class path. */
    public static final String CLASS_PATH = "class path";

    private static final String SERVICES = "META-INF/services/" + BackendProvider.class.getName();

    private final URLClassLoader loader;
    private final Map<String, Path> jarOfClass;

    private JarBackends(URLClassLoader loader, Map<String, Path> jarOfClass) {
        this.loader = loader;
        this.jarOfClass = jarOfClass;
    }

    /**
     * Opens {@code jars} (none is fine).
     *
     * @throws IllegalArgumentException for a JAR that is missing or unreadable
     */
    public static JarBackends open(List<Path> jars) {
        Map<String, Path> jarOfClass = new HashMap<>();
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("--jar " + jar + ": no such file");
            for (String c : providerClasses(jar)) jarOfClass.putIfAbsent(c, jar);
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--jar " + jar + ": " + e.getMessage());
            }
        }
        URLClassLoader loader = urls.isEmpty() ? null : new URLClassLoader("triad-backend-jars", urls.toArray(URL[]::new), JarBackends.class.getClassLoader());
        return new JarBackends(loader, jarOfClass);
    }

    /** The loader that sees the class path and the JARs (the thread's context loader while the suite runs). */
    public ClassLoader loader() { return loader != null ? loader : JarBackends.class.getClassLoader(); }

    /**
     * The backends to run: every one found, or those named in {@code requested} (case-insensitive).
     * A requested name that nothing provides is added to {@code missing}; a second backend with
     * a name already taken is skipped with a warning on {@code err}.
     */
    public List<SuiteRunner.Candidate> candidates(List<String> requested, List<String> missing, PrintStream err) {
        Set<String> onClassPath = new HashSet<>();
        for (BackendProvider p : Backends.providers()) onClassPath.add(p.getClass().getName());
        List<BackendProvider> all = loader != null ? Backends.providers(loader) : Backends.providers();
        List<SuiteRunner.Candidate> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> wanted = new HashSet<>();
        for (String r : requested) wanted.add(r.toLowerCase(java.util.Locale.ROOT));
        for (BackendProvider p : all) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            String origin = onClassPath.contains(p.getClass().getName()) ? CLASS_PATH
                    : jarOfClass.containsKey(p.getClass().getName()) ? jarOfClass.get(p.getClass().getName()).toString() : CLASS_PATH;
            if (!names.add(name)) {
                err.println("triad conformance: skipping a second backend named '" + p.name() + "' (" + origin + ")");
                continue;
            }
            if (!wanted.isEmpty() && !wanted.contains(name)) continue;
            out.add(new SuiteRunner.Candidate(p, origin, wanted.contains(name)));
        }
        for (String r : requested) {
            if (!names.contains(r.toLowerCase(java.util.Locale.ROOT)) && !missing.contains(r)) missing.add(r);
        }
        return out;
    }

    /** The names of every backend found, for messages. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (BackendProvider p : loader != null ? Backends.providers(loader) : Backends.providers()) out.add(p.name());
        return out;
    }

    private static List<String> providerClasses(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            ZipEntry e = f.getEntry(SERVICES);
            if (e == null) return List.of();
            List<String> out = new ArrayList<>();
            for (String line : new String(f.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                String c = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!c.isEmpty()) out.add(c);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("--jar " + jar + ": not a readable JAR (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        if (loader == null) return;
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
