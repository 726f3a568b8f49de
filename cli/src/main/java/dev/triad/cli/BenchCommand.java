package dev.triad.cli;

import dev.triad.bench.report.BenchOptions;
import dev.triad.bench.report.BenchRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code triad bench}: runs the JMH benchmarks of {@code triad-bench} on every backend found
 * (JMH forks JVMs with this process's class path) and writes the performance report: a
 * self-contained {@code report.html}, {@code report.md} and {@code report.json}.
 */
final class BenchCommand implements Command {
    @Override
    public String summary() { return "benchmark every backend and front-end; write an HTML/Markdown/JSON report (--full: every size)"; }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            Path dir = new BenchRunner(options, out).run();
            out.println("triad bench: report written to " + dir.resolve("report.html") + " (also report.md, report.json)");
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("triad bench: " + e.getMessage());
            return 1;
        }
    }
}
