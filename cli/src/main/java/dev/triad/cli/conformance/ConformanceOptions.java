package dev.triad.cli.conformance;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code triad conformance}.
 *
 * @param backends backends to run, by name (empty: every backend found)
 * @param jars extra JARs to load backends from
 * @param frontends front-end check sets to run (empty: all; {@code none}: none)
 * @param filters check patterns, {@code OP} or {@code OP/CHECK} (empty: every check)
 * @param out the report directory
 * @param help whether {@code --help} was given
 */
public record ConformanceOptions(List<String> backends, List<Path> jars, List<String> frontends, List<String> filters, Path out, boolean help) {
    /** Copies the lists. */
    public ConformanceOptions {
        backends = List.copyOf(backends);
        jars = List.copyOf(jars);
        frontends = List.copyOf(frontends);
        filters = List.copyOf(filters);
    }

    /** The help text. */
    public static String usage() {
        return """
                usage: triad conformance [--backend NAME ...] [--jar PATH ...] [--frontend NAME ...] [--filter PATTERN ...] [--out DIR]

                Runs the conformance suite (forward results against the float64 reference, gradients, second
                derivatives, batching, random bits, error inputs, leak checks, front-end equivalence) on every
                backend found and writes conformance.html, conformance.md and conformance.json. Exits 1 when a
                check fails (declared-unsupported cases do not fail) or a backend asked for cannot run.

                  --backend NAME    run this backend only (repeatable); default: every backend found
                  --jar PATH        also load backends from this JAR (repeatable; name the JARs it needs too)
                  --frontend NAME   front-end check sets to run: eager, functional, graph, equivalence (repeatable), or none; default all
                  --filter PATTERN  run only matching checks (repeatable): OP or OP/CHECK, with * and ? wildcards,
                                    e.g. --filter sub, --filter 'sub/forward f32', --filter 'reduce_*/gradient*'
                  --op NAME         the same as --filter NAME
                  --out DIR         where the reports go; default reports/conformance-<time>
                """;
    }

    /**
     * Parses {@code args} ({@code --name value} or {@code --name=value}).
     *
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    public static ConformanceOptions parse(String[] args) {
        List<String> backends = new ArrayList<>(), frontends = new ArrayList<>(), filters = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        Path out = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i], value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--backend" -> backends.add(value != null ? value : next(args, ++i, a));
                case "--jar" -> jars.add(Path.of(value != null ? value : next(args, ++i, a)));
                case "--frontend" -> frontends.add(value != null ? value : next(args, ++i, a));
                case "--filter", "--op" -> filters.add(value != null ? value : next(args, ++i, a));
                case "--out" -> out = Path.of(value != null ? value : next(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (out == null) out = Path.of("reports", "conformance-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new ConformanceOptions(backends, jars, frontends, filters, out, help);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
