package dev.triad.bench.report;

import dev.triad.bench.Catalog;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The options of {@code triad bench} (and of the benchmark jar's own main).
 *
 * @param profile quick (default), full or smoke
 * @param out the report directory
 * @param baselineBackend the backend ratios compare with
 * @param baselineFrontend the front-end ratios compare with
 * @param backends the backends to run (empty: every available one)
 * @param only a regular expression on benchmark class names (null: all)
 * @param memory whether to probe training-step memory
 */
public record BenchOptions(Catalog.Profile profile, Path out, String baselineBackend, String baselineFrontend, List<String> backends,
                           Pattern only, boolean memory) {
    /** The usage text. */
    public static final String USAGE = """
            usage: triad bench [--full | --quick | --smoke] [--out DIR] [--baseline BACKEND[/FRONTEND]]
                               [--backends NAME,...] [--only REGEX] [--no-memory]

            Runs Triad's JMH benchmarks on every backend found and writes report.html (self-contained),
            report.md and report.json (with raw samples) to reports/bench-<time>/ or DIR.

              --quick       representative sizes, 1 fork, 2 warm-up + 3 measured iterations of 0.5 s (default;
                            a few minutes on two cores)
              --full        every size, 2 forks, 5 warm-up + 10 measured iterations of 1 s
              --smoke       smallest sizes, one short iteration each: checks that everything runs
              --baseline    what the 'vs baseline' column compares with (default cpu/eager)
              --backends    only these backends (default: every available one)
              --only        only benchmark classes whose name matches, e.g. 'Matmul|TrainStep'
              --no-memory   skip the training-step memory probe
            """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for bad ones. */
    public static BenchOptions parse(String[] args) {
        Catalog.Profile profile = Catalog.Profile.QUICK;
        Path out = null;
        String baseline = "cpu/eager";
        List<String> backends = new ArrayList<>();
        Pattern only = null;
        boolean memory = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--full" -> profile = Catalog.Profile.FULL;
                case "--quick" -> profile = Catalog.Profile.QUICK;
                case "--smoke" -> profile = Catalog.Profile.SMOKE;
                case "--no-memory" -> memory = false;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--baseline" -> baseline = value(args, ++i, a);
                case "--backends" -> {
                    for (String b : value(args, ++i, a).split(",")) if (!b.isBlank()) backends.add(b.trim().toLowerCase(Locale.ROOT));
                }
                case "--only" -> only = Pattern.compile(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (out == null) out = Path.of("reports", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        String[] bf = baseline.split("/", 2);
        return new BenchOptions(profile, out, bf[0].trim().toLowerCase(Locale.ROOT), bf.length > 1 ? bf[1].trim().toLowerCase(Locale.ROOT) : "eager",
                List.copyOf(backends), only, memory);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        return args[i];
    }

    /** True when {@code className} passes {@code --only}. */
    public boolean includes(String className) { return only == null || only.matcher(className).find(); }
}
