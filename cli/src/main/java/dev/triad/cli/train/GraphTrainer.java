package dev.triad.cli.train;

import dev.triad.eager.data.Batch;
import dev.triad.eager.data.BatchIterator;
import dev.triad.eager.data.DataDirectories;
import dev.triad.eager.data.DataLoader;
import dev.triad.eager.data.Dataset;
import dev.triad.eager.data.DatasetFetcher;
import dev.triad.eager.data.Example;
import dev.triad.eager.data.MnistDataset;
import dev.triad.eager.data.Normalize;
import dev.triad.eager.data.Split;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.SessionStats;
import dev.triad.graph.keras.Losses;
import dev.triad.graph.keras.Metrics;
import dev.triad.graph.keras.Model;
import dev.triad.graph.train.Adam;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.TriadException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * {@code triad train --frontend graph}: the same job as {@link Trainer} (same data, batches,
 * networks, Adam settings, per-epoch test evaluation, report) on the graph front-end: a
 * Keras-style {@link dev.triad.graph.keras.Sequential} compiled once into a session, one
 * {@code trainOnBatch} per step with the weights resident on the device.
 *
 * <p>After training it prints the graph front-end's own costs: how many run signatures were
 * compiled and the time spent building, optimising and compiling them, beside the steps per
 * second of each epoch.
 *
 * <p>Checkpoints ({@code --checkpoint DIR}) are saved models ({@link Model#save}: graph text,
 * safetensors weights with the optimizer's state) plus {@value #PROGRESS} with the position and
 * curve; {@code --resume} continues from the saved position.
 */
public final class GraphTrainer {
    /** The position file beside a graph checkpoint. */
    static final String PROGRESS = "graph-progress.properties";

    private final TrainOptions o;
    private final PrintStream err;
    private final boolean tty;
    private final LongSupplier clock;

    /** A trainer reporting progress to {@code err}. */
    public GraphTrainer(TrainOptions options, PrintStream err, boolean tty) {
        this.o = options;
        this.err = err;
        this.tty = tty;
        this.clock = System::nanoTime;
    }

    /** Runs the training and returns what happened. */
    public TrainResult run() throws IOException {
        DataDirectories dirs = DataDirectories.withUserDir(o.dataDir());
        if (o.dataDir() == null) new DatasetFetcher(dirs, err).ensure(o.dataset(), o.fetch());
        Dataset<Example> train = MnistDataset.load(o.dataset(), Split.TRAIN, dirs);
        Dataset<Example> test = MnistDataset.load(o.dataset(), Split.TEST, dirs);
        if (o.limit() > 0) train = train.limit(o.limit());
        if (o.testLimit() > 0) test = test.limit(o.testLimit());

        Backend backend = o.backend() == null ? Backends.openDefault() : Backends.open(o.backend());
        Normalize normalize = new Normalize(o.dataset().mean(), o.dataset().std());
        Model model = null;
        try (backend;
             DataLoader loader = DataLoader.builder(train).batchSize(o.batchSize()).shuffle(true).seed(o.seed())
                     .workers(o.workers()).transform(normalize).build();
             DataLoader testLoader = DataLoader.builder(test).batchSize(1000).workers(o.workers()).transform(normalize).build()) {
            int perEpoch = loader.batchesPerEpoch();
            long window = Math.max(1, perEpoch / 20);
            TrainHistory history = new TrainHistory();
            int startEpoch = 0, startBatch = 0;
            long step = 0;
            long buildStart = clock.getAsLong();
            if (o.resume() && Files.exists(o.checkpoint().resolve(PROGRESS))) {
                Properties p = readProgress();
                model = Model.load(o.checkpoint(), backend);
                startEpoch = Integer.parseInt(p.getProperty("epoch"));
                startBatch = Integer.parseInt(p.getProperty("batch"));
                step = Long.parseLong(p.getProperty("step"));
                history = TrainHistory.fromJson(p.getProperty("history"));
                err.printf(Locale.ROOT, "triad: resuming from %s at epoch %d, batch %d (step %d)%n", o.checkpoint(), startEpoch + 1, startBatch, step);
            } else {
                if (o.resume()) err.println("triad: no graph checkpoint in " + o.checkpoint() + " yet; starting from scratch");
                model = GraphTrainerModels.build(o.model(), o.seed());
                model.compile(new Adam(o.lr()), Losses.sparseCategoricalCrossentropy(true), List.of(Metrics.accuracy()), backend, SessionOptions.DEFAULT);
            }
            double graphBuildMillis = (clock.getAsLong() - buildStart) / 1e6;
            if (startBatch >= perEpoch && perEpoch > 0) {
                startEpoch++;
                startBatch = 0;
            }
            err.printf(Locale.ROOT, "triad: training %s (%d parameters) on %s with the graph front-end: %d examples, batch %d, %d steps per epoch, backend %s (%s)%n",
                    o.model().id(), model.parameterCount(), o.dataset().title(), train.size(), o.batchSize(), perEpoch, backend.name(), backend.defaultDevice().name());
            boolean stopped = false;
            double windowLoss = 0;
            long windowCorrect = 0, windowExamples = 0, windowSteps = 0;
            for (int epoch = startEpoch; epoch < o.epochs() && !stopped; epoch++) {
                int first = epoch == startEpoch ? startBatch : 0;
                double lossSum = 0;
                long correct = 0, examples = 0, steps = 0;
                ProgressBar bar = new ProgressBar(err, tty, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, o.epochs()), first, perEpoch, clock);
                long t0 = clock.getAsLong();
                int position = first;
                try (BatchIterator it = loader.epoch(epoch, first)) {
                    while (it.hasNext()) {
                        if (o.maxSteps() > 0 && step >= o.maxSteps()) {
                            stopped = true;
                            break;
                        }
                        Batch batch = it.next();
                        Map<String, Double> r = model.trainOnBatch(batch.inputs(), batch.targets());
                        double loss = r.get("loss");
                        if (!Double.isFinite(loss)) throw new TriadException("train", "the loss became " + loss + " at batch " + batch.index() + " (learning rate too high?)");
                        long hits = Math.round(r.get("accuracy") * batch.size());
                        step++;
                        position = batch.index() + 1;
                        lossSum += loss;
                        correct += hits;
                        examples += batch.size();
                        steps++;
                        windowLoss += loss;
                        windowCorrect += hits;
                        windowExamples += batch.size();
                        windowSteps++;
                        if (step % window == 0) {
                            history.add(new TrainHistory.Point(step, windowLoss / windowSteps, (double) windowCorrect / windowExamples));
                            windowLoss = 0;
                            windowCorrect = windowExamples = windowSteps = 0;
                        }
                        bar.update(position, lossSum / steps);
                    }
                }
                double seconds = (clock.getAsLong() - t0) / 1e9;
                if (stopped) {
                    if (tty) err.println();
                    err.printf(Locale.ROOT, "triad: stopped at step %d (--max-steps)%n", step);
                    save(model, epoch, position, step, history);
                    break;
                }
                double[] eval = evaluate(model, testLoader);
                TrainHistory.Epoch e = new TrainHistory.Epoch(epoch + 1, step, lossSum / Math.max(1, steps), (double) correct / Math.max(1, examples),
                        eval[0], eval[1], test.size(), seconds, steps / Math.max(seconds, 1e-9));
                history.add(e);
                err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%% | test loss %.4f, test accuracy %.2f%% (%d images) | %d steps in %.1f s (%.1f steps/s)%n",
                        e.epoch(), o.epochs(), e.trainLoss(), 100 * e.trainAccuracy(), e.testLoss(), 100 * e.testAccuracy(), e.testExamples(),
                        steps, e.seconds(), e.stepsPerSecond());
                save(model, epoch + 1, 0, step, history);
            }
            SessionStats s = model.session().stats();
            err.printf(Locale.ROOT, "triad: graph front-end: model built and compiled in %.1f ms; %d run signature(s) specialised, optimised and compiled in %.1f ms "
                            + "(lowering %.1f ms, passes %.1f ms, backend compile %.1f ms)%n",
                    graphBuildMillis, s.compilations(), s.buildAndCompileMillis(), s.specializeNanos() / 1e6, s.optimizeNanos() / 1e6, s.compileNanos() / 1e6);
            return new TrainResult(o, backend.name(), backend.defaultDevice().name(), model.parameterCount(), train.size(), step, stopped, history);
        } finally {
            if (model != null) model.close();
        }
    }

    /** Mean loss and accuracy over the test loader, weighted by batch size. */
    private static double[] evaluate(Model model, DataLoader testLoader) {
        double lossSum = 0, hits = 0;
        long n = 0;
        try (BatchIterator it = testLoader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                Map<String, Double> r = model.testOnBatch(b.inputs(), b.targets());
                lossSum += r.get("loss") * b.size();
                hits += r.get("accuracy") * b.size();
                n += b.size();
            }
        }
        return new double[] {n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : hits / n};
    }

    private Map<String, String> config() {
        return Map.of("model", o.model().id(), "dataset", o.dataset().id(), "batch_size", Integer.toString(o.batchSize()),
                "lr", Double.toString(o.lr()), "limit", Integer.toString(o.limit()), "seed", Long.toString(o.seed()));
    }

    private void save(Model model, int epoch, int batch, long step, TrainHistory history) throws IOException {
        if (o.checkpoint() == null) return;
        model.save(o.checkpoint());
        Properties p = new Properties();
        p.putAll(config());
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("batch", Integer.toString(batch));
        p.setProperty("step", Long.toString(step));
        p.setProperty("history", history.toJson());
        try (Writer w = Files.newBufferedWriter(o.checkpoint().resolve(PROGRESS), StandardCharsets.UTF_8)) {
            p.store(w, "triad train --frontend graph: position of the checkpoint");
        }
    }

    private Properties readProgress() throws IOException {
        Path file = o.checkpoint().resolve(PROGRESS);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (Map.Entry<String, String> e : config().entrySet()) {
            String had = p.getProperty(e.getKey());
            if (had != null && !had.equals(e.getValue())) {
                throw new TriadException("train", "the checkpoint in " + o.checkpoint() + " was made with " + e.getKey() + " " + had
                        + " but this run has " + e.getValue() + "; resume with the same settings, or use another --checkpoint directory");
            }
        }
        return p;
    }
}
