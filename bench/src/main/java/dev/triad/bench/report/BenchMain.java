package dev.triad.bench.report;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Main class of the shaded benchmarks jar: {@code java --add-modules jdk.incubator.vector -jar
 * triad-bench-*-benchmarks.jar [options]} writes the report as {@code triad bench} does;
 * {@code --jmh ARGS} hands the rest to JMH's own command line (e.g. {@code --jmh -l} lists
 * the benchmarks, {@code --jmh MatmulBench -p size=512}).
 */
public final class BenchMain {
    private BenchMain() {}

    /** Runs the report, or JMH's command line after {@code --jmh}. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            System.out.println("  --jmh ARGS    pass ARGS to JMH's own command line instead (the jar's benchmarks)");
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("triad bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = new BenchRunner(options, System.out).run();
        System.out.println("triad bench: report written to " + dir.resolve("report.html"));
    }
}
