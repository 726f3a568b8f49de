package dev.triad.cli.train;

import dev.triad.eager.Autograd;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;
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
import dev.triad.eager.io.Checkpoint;
import dev.triad.eager.io.CheckpointStates;
import dev.triad.eager.io.TrainingProgress;
import dev.triad.eager.models.MnistModels;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Module;
import dev.triad.eager.optim.Adam;
import dev.triad.eager.optim.Optimizer;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;
import dev.triad.spi.error.TriadException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The training loop of {@code triad train}: data from the cache (fetched on first use), the
 * model and Adam on the chosen backend, one {@link Scope} per step so memory stays flat, an
 * evaluation on the test set after every epoch, and a checkpoint after every epoch (and when
 * {@code --max-steps} stops the run).
 * <p>
 * <b>Exact resume.</b> A checkpoint records the model, Adam's moments and step count, and the
 * position (epoch, next batch, global step). The data loader's order depends only on the seed
 * and the epoch, the networks have no dropout, and running sums for the curve and the epoch's
 * averages are saved too; so a resumed run takes exactly the steps an uninterrupted run would
 * have taken, and its report covers the whole run.
 */
public final class Trainer {
    private final TrainOptions o;
    private final PrintStream err;
    private final boolean tty;
    private final LongSupplier clock;

    /** A trainer reporting progress to {@code err}. */
    public Trainer(TrainOptions options, PrintStream err, boolean tty) {
        this(options, err, tty, System::nanoTime);
    }

    Trainer(TrainOptions options, PrintStream err, boolean tty, LongSupplier clock) {
        this.o = options;
        this.err = err;
        this.tty = tty;
        this.clock = clock;
    }

    /** Running sums, kept across a checkpoint so that averages come out as if never stopped. */
    private static final class Sums {
        double loss;
        long correct;
        long examples;
        long steps;

        void add(double batchLoss, long batchCorrect, int n) {
            loss += batchLoss;
            correct += batchCorrect;
            examples += n;
            steps++;
        }

        double meanLoss() { return steps == 0 ? Double.NaN : loss / steps; }
        double accuracy() { return examples == 0 ? Double.NaN : (double) correct / examples; }

        void clear() {
            loss = 0;
            correct = 0;
            examples = 0;
            steps = 0;
        }

        void save(Map<String, String> notes, String prefix) {
            notes.put(prefix + ".loss", Double.toString(loss));
            notes.put(prefix + ".correct", Long.toString(correct));
            notes.put(prefix + ".examples", Long.toString(examples));
            notes.put(prefix + ".steps", Long.toString(steps));
        }

        void load(Map<String, String> notes, String prefix) {
            loss = Double.parseDouble(notes.getOrDefault(prefix + ".loss", "0"));
            correct = Long.parseLong(notes.getOrDefault(prefix + ".correct", "0"));
            examples = Long.parseLong(notes.getOrDefault(prefix + ".examples", "0"));
            steps = Long.parseLong(notes.getOrDefault(prefix + ".steps", "0"));
        }
    }

    /** Runs the training and returns what happened. */
    public TrainResult run() throws IOException {
        DataDirectories dirs = DataDirectories.withUserDir(o.dataDir());
        if (o.dataDir() == null) new DatasetFetcher(dirs, err).ensure(o.dataset(), o.fetch());
        Dataset<Example> train = MnistDataset.load(o.dataset(), Split.TRAIN, dirs);
        Dataset<Example> test = MnistDataset.load(o.dataset(), Split.TEST, dirs);
        if (o.limit() > 0) train = train.limit(o.limit());
        if (o.testLimit() > 0) test = test.limit(o.testLimit());

        Backend backend = o.backend() == null ? Triad.defaultBackend() : Triad.backend(o.backend());
        Triad.setDefaultBackend(backend);
        Triad.manualSeed(o.seed());
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Normalize normalize = new Normalize(o.dataset().mean(), o.dataset().std());
        // Closing the model and optimizer hands their device memory back at once (tests train many times in one JVM).
        try (Module model = MnistModels.build(o.model());
             Optimizer opt = new Adam(model.parameters(), o.lr());
             DataLoader loader = DataLoader.builder(train).batchSize(o.batchSize()).shuffle(true).seed(o.seed())
                .workers(o.workers()).transform(normalize).build();
             DataLoader testLoader = DataLoader.builder(test).batchSize(1000).workers(o.workers()).transform(normalize).build()) {
            long parameters = 0;
            for (Tensor p : model.parameters()) parameters += p.numel();
            int perEpoch = loader.batchesPerEpoch();
            // Curve points at fixed global steps (about 20 per epoch), so a resumed run puts them where a straight run would.
            long window = Math.max(1, perEpoch / 20);
            TrainHistory history = new TrainHistory();
            Sums windowSums = new Sums(), epochSums = new Sums();
            int startEpoch = 0, startBatch = 0;
            long step = 0;
            double epochSecondsBefore = 0;
            if (o.resume() && Checkpoint.exists(o.checkpoint())) {
                Checkpoint c = Checkpoint.load(o.checkpoint());
                checkCompatible(c.progress().notes());
                CheckpointStates.restore(c, model, opt);
                startEpoch = c.progress().epoch();
                startBatch = c.progress().batch();
                step = c.progress().step();
                history = TrainHistory.fromJson(c.progress().notes().get("history"));
                windowSums.load(c.progress().notes(), "window");
                epochSums.load(c.progress().notes(), "epoch");
                epochSecondsBefore = Double.parseDouble(c.progress().notes().getOrDefault("epoch.seconds", "0"));
                err.printf(Locale.ROOT, "triad: resuming from %s at epoch %d, batch %d (step %d)%n", o.checkpoint(), startEpoch + 1, startBatch, step);
            } else if (o.resume()) {
                err.println("triad: no checkpoint in " + o.checkpoint() + " yet; starting from scratch");
            } else if (o.checkpoint() != null && Checkpoint.exists(o.checkpoint())) {
                err.println("triad: the checkpoint in " + o.checkpoint() + " will be replaced (add --resume to continue it instead)");
            }
            if (startBatch >= perEpoch && perEpoch > 0) {
                startEpoch++;
                startBatch = 0;
            }
            err.printf(Locale.ROOT, "triad: training %s (%d parameters) on %s: %d examples, batch %d, %d steps per epoch, backend %s (%s)%n",
                    o.model().id(), parameters, o.dataset().title(), train.size(), o.batchSize(), perEpoch, backend.name(), backend.defaultDevice().name());
            if (startEpoch >= o.epochs()) {
                err.printf(Locale.ROOT, "triad: the checkpoint has finished %d epochs already; raise --epochs to train more%n", startEpoch);
            }
            boolean stopped = false;
            for (int epoch = startEpoch; epoch < o.epochs() && !stopped; epoch++) {
                int first = epoch == startEpoch ? startBatch : 0;
                if (first == 0) {
                    epochSums.clear();
                    epochSecondsBefore = 0;
                }
                model.train();
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
                        double[] r = trainStep(model, opt, lossFn, batch);
                        step++;
                        position = batch.index() + 1;
                        windowSums.add(r[0], (long) r[1], batch.size());
                        epochSums.add(r[0], (long) r[1], batch.size());
                        if (step % window == 0) {
                            history.add(new TrainHistory.Point(step, windowSums.meanLoss(), windowSums.accuracy()));
                            windowSums.clear();
                        }
                        bar.update(position, epochSums.meanLoss());
                    }
                }
                double seconds = epochSecondsBefore + (clock.getAsLong() - t0) / 1e9;
                if (stopped) {
                    if (tty) err.println();
                    err.printf(Locale.ROOT, "triad: stopped at step %d (--max-steps)%n", step);
                    save(model, opt, new Progress(epoch, position, step, history, windowSums, epochSums, seconds));
                    break;
                }
                if (windowSums.steps > 0) {
                    // Close the curve's last window at the epoch's end (where a resumed run closes it too).
                    history.add(new TrainHistory.Point(step, windowSums.meanLoss(), windowSums.accuracy()));
                    windowSums.clear();
                }
                double[] eval = evaluate(model, lossFn, testLoader);
                TrainHistory.Epoch e = new TrainHistory.Epoch(epoch + 1, step, epochSums.meanLoss(), epochSums.accuracy(), eval[0], eval[1],
                        test.size(), seconds, epochSums.steps / Math.max(seconds, 1e-9));
                history.add(e);
                err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%% | test loss %.4f, test accuracy %.2f%% (%d images) | %d steps in %.1f s (%.1f steps/s)%n",
                        e.epoch(), o.epochs(), e.trainLoss(), 100 * e.trainAccuracy(), e.testLoss(), 100 * e.testAccuracy(), e.testExamples(),
                        epochSums.steps, e.seconds(), e.stepsPerSecond());
                epochSums.clear();
                save(model, opt, new Progress(epoch + 1, 0, step, history, windowSums, epochSums, 0));
            }
            return new TrainResult(o, backend.name(), backend.defaultDevice().name(), parameters, train.size(), step, stopped, history);
        }
    }

    /** One optimizer step; returns {loss, correct predictions}. */
    @SuppressWarnings("try") // the scope and no-grad guard work by being open, not by being referenced
    private static double[] trainStep(Module model, Optimizer opt, CrossEntropyLoss lossFn, Batch batch) {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.fromHost(batch.inputs());
            Tensor y = Tensor.fromHost(batch.targets());
            opt.zeroGrad();
            Tensor logits = model.forward(x);
            Tensor loss = lossFn.forward(logits, y);
            loss.backward();
            opt.step();
            double l = loss.item();
            long correct;
            try (var ng = Autograd.noGrad()) {
                correct = logits.argmax(1).eq(y).to(DType.I64).sum().itemLong();
            }
            if (!Double.isFinite(l)) throw new TriadException("train", "the loss became " + l + " at batch " + batch.index() + " (learning rate too high?)");
            return new double[] {l, correct};
        }
    }

    /** Mean loss and accuracy over the test loader. */
    @SuppressWarnings("try") // as in trainStep
    private static double[] evaluate(Module model, CrossEntropyLoss lossFn, DataLoader testLoader) {
        model.eval();
        double lossSum = 0;
        long correct = 0, n = 0;
        try (var ng = Autograd.noGrad(); BatchIterator it = testLoader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                try (Scope s = Scope.open()) {
                    Tensor x = Tensor.fromHost(b.inputs());
                    Tensor y = Tensor.fromHost(b.targets());
                    Tensor logits = model.forward(x);
                    lossSum += lossFn.forward(logits, y).item() * b.size();
                    correct += logits.argmax(1).eq(y).to(DType.I64).sum().itemLong();
                    n += b.size();
                }
            }
        }
        model.train();
        return new double[] {n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n};
    }

    private record Progress(int epoch, int batch, long step, TrainHistory history, Sums window, Sums epochSums, double epochSeconds) {}

    private void save(Module model, Optimizer opt, Progress p) throws IOException {
        if (o.checkpoint() == null) return;
        Map<String, String> notes = new LinkedHashMap<>(config());
        notes.put("history", p.history().toJson());
        p.window().save(notes, "window");
        p.epochSums().save(notes, "epoch");
        notes.put("epoch.seconds", Double.toString(p.epochSeconds()));
        CheckpointStates.capture(model, opt, new TrainingProgress(p.epoch(), p.batch(), p.step(), o.seed(), notes)).save(o.checkpoint());
    }

    /** The settings a checkpoint must share with the run that resumes it. */
    private Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", o.model().id());
        m.put("dataset", o.dataset().id());
        m.put("batch_size", Integer.toString(o.batchSize()));
        m.put("lr", Double.toString(o.lr()));
        m.put("limit", Integer.toString(o.limit()));
        m.put("seed", Long.toString(o.seed()));
        return m;
    }

    private void checkCompatible(Map<String, String> notes) {
        Map<String, String> want = config();
        Map<String, String> flag = Map.of("model", "--model", "dataset", "--dataset", "batch_size", "--batch-size", "lr", "--lr", "limit", "--limit", "seed", "--seed");
        for (Map.Entry<String, String> e : want.entrySet()) {
            String had = notes.get(e.getKey());
            if (had != null && !had.equals(e.getValue())) {
                throw new TriadException("train", "the checkpoint in " + o.checkpoint() + " was made with " + flag.get(e.getKey()) + " " + had
                        + " but this run has " + e.getValue() + "; resume with the same settings, or use another --checkpoint directory");
            }
        }
    }
}
