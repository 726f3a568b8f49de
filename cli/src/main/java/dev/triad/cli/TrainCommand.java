package dev.triad.cli;

import dev.triad.cli.train.Frontend;
import dev.triad.cli.train.FunctionalTrainer;
import dev.triad.cli.train.GraphTrainer;
import dev.triad.cli.train.ProgressBar;
import dev.triad.cli.train.TrainHistory;
import dev.triad.cli.train.TrainOptions;
import dev.triad.cli.train.TrainReport;
import dev.triad.cli.train.TrainResult;
import dev.triad.cli.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code triad train}: trains the MNIST CNN (or MLP) on MNIST (or Fashion-MNIST) with the eager
 * front-end on the best available backend, shows a progress bar per epoch, and ends with a
 * summary, the test accuracy and a report (SVG curve, HTML page, JSON numbers).
 */
final class TrainCommand implements Command {
    @Override
    public String summary() { return "train a small CNN on MNIST (the main job; --help for options) and report test accuracy"; }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(TrainOptions.usage());
            out.println(Frontend.usage());
            return 0;
        }
        TrainOptions o;
        TrainJob job;
        try {
            Frontend.Selection selection = Frontend.select(args);
            o = TrainOptions.parse(selection.rest());
            boolean tty = ProgressBar.interactive();
            // Trainers reject option combinations their front-end cannot honour when constructed.
            job = switch (selection.frontend()) {
                case EAGER -> new Trainer(o, err, tty)::run;
                case GRAPH -> new GraphTrainer(o, err, tty)::run;
                case FUNCTIONAL -> new FunctionalTrainer(o, err, tty)::run;
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (see triad train --help)");
        }
        TrainResult r;
        Path report;
        try {
            r = job.run();
            report = TrainReport.write(reportDir(o), r);
        } catch (IOException e) {
            err.println("triad train: " + e);
            return 1;
        }
        printSummary(out, r, report);
        return 0;
    }

    /** One training run of some front-end. */
    private interface TrainJob {
        TrainResult run() throws IOException;
    }

    /** The report goes beside the checkpoint, else into a fresh {@code reports/train-<time>/}. */
    static Path reportDir(TrainOptions o) {
        if (o.reportDir() != null) return o.reportDir();
        if (o.checkpoint() != null) return o.checkpoint();
        return Path.of("reports", "train-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static void printSummary(PrintStream out, TrainResult r, Path report) {
        TrainOptions o = r.options();
        out.println();
        out.printf(Locale.ROOT, "Trained %s (%d parameters) on %s (%d examples), batch %d, Adam lr %s, seed %d, backend %s (%s)%n",
                o.model().id(), r.parameters(), o.dataset().title(), r.trainExamples(), o.batchSize(), o.lr(), o.seed(), r.backend(), r.device());
        for (TrainHistory.Epoch e : r.history().epochs()) {
            out.printf(Locale.ROOT, "  epoch %d: train loss %.4f (%.2f%%), test loss %.4f, test accuracy %.2f%% | %.1f s, %.1f steps/s%n",
                    e.epoch(), e.trainLoss(), 100 * e.trainAccuracy(), e.testLoss(), 100 * e.testAccuracy(), e.seconds(), e.stepsPerSecond());
        }
        double acc = r.finalTestAccuracy();
        if (Double.isNaN(acc)) {
            out.printf(Locale.ROOT, "No epoch finished (stopped at step %d).%n", r.steps());
        } else {
            int n = r.history().epochs().getLast().testExamples();
            out.printf(Locale.ROOT, "Test accuracy: %.2f%% on %d test images after %d steps%n", 100 * acc, n, r.steps());
        }
        out.println("Report: " + report + " (with " + TrainReport.SVG + " and " + TrainReport.JSON + ")");
        if (o.checkpoint() != null) out.println("Checkpoint: " + o.checkpoint() + " (resume with --checkpoint " + o.checkpoint() + " --resume)");
    }
}
