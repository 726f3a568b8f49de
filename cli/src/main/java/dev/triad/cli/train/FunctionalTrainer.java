package dev.triad.cli.train;

import static dev.triad.functional.Transforms.jit;

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
import dev.triad.eager.models.MnistModels;
import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.JitStats;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Platform;
import dev.triad.functional.Scope;
import dev.triad.functional.Transforms;
import dev.triad.functional.np;
import dev.triad.functional.optim.GradientTransformation;
import dev.triad.functional.optim.Optimizers;
import dev.triad.functional.optim.Update;
import dev.triad.functional.random;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.TriadException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code triad train --frontend functional}: the same networks, data, batches and Adam as the
 * eager {@link Trainer}, written with the functional front-end. The whole training step (loss,
 * gradient by {@code valueAndGrad}, Adam update) is one {@code jit}-compiled pure function of
 * (parameters and optimizer state, batch); so is evaluation. It reports steps per second per
 * epoch like the eager trainer, and the trace and compile times of the jitted functions.
 * Checkpoints are not supported with this front-end yet.
 */
public final class FunctionalTrainer {
    /**
     * The training state, a pytree.
     *
     * @param params the network's parameters by name
     * @param opt Adam's state
     */
    record State(Map<String, Array> params, Object opt) {}

    private final TrainOptions o;
    private final PrintStream err;
    private final boolean tty;
    private final LongSupplier clock = System::nanoTime;

    /** A trainer reporting progress to {@code err}. */
    public FunctionalTrainer(TrainOptions options, PrintStream err, boolean tty) {
        if (options.checkpoint() != null || options.resume()) {
            throw new IllegalArgumentException("--checkpoint and --resume are not supported with --frontend functional yet");
        }
        this.o = options;
        this.err = err;
        this.tty = tty;
    }

    /** Runs the training and returns what happened. */
    // The backend choice and scopes act by being open; their variables are not read.
    @SuppressWarnings("try")
    public TrainResult run() throws IOException {
        DataDirectories dirs = DataDirectories.withUserDir(o.dataDir());
        if (o.dataDir() == null) new DatasetFetcher(dirs, err).ensure(o.dataset(), o.fetch());
        Dataset<Example> train = MnistDataset.load(o.dataset(), Split.TRAIN, dirs);
        Dataset<Example> test = MnistDataset.load(o.dataset(), Split.TEST, dirs);
        if (o.limit() > 0) train = train.limit(o.limit());
        if (o.testLimit() > 0) test = test.limit(o.testLimit());

        Backend backend = o.backend() == null ? Backends.openDefault() : Backends.open(o.backend());
        var kind = o.model();
        GradientTransformation adam = Optimizers.adam(o.lr());
        Normalize normalize = new Normalize(o.dataset().mean(), o.dataset().std());
        try (Platform.Restore ignored = Platform.use(backend);
             Jitted2<State, List<Array>, List<Object>> step = trainStep(kind, adam);
             Jitted2<Map<String, Array>, List<Array>, List<Array>> evalStep = jit((Map<String, Array> p, List<Array> batch) ->
                     FunctionalTrainerModel.lossAndCorrect(kind, p, batch.get(0), batch.get(1)));
             DataLoader loader = DataLoader.builder(train).batchSize(o.batchSize()).shuffle(true).seed(o.seed())
                     .workers(o.workers()).transform(normalize).build();
             DataLoader testLoader = DataLoader.builder(test).batchSize(1000).workers(o.workers()).transform(normalize).build()) {
            Map<String, Array> params = FunctionalTrainerModel.init(kind, random.key(o.seed()));
            State state = new State(params, adam.init(params));
            long parameters = FunctionalTrainerModel.count(params);
            int perEpoch = loader.batchesPerEpoch();
            long window = Math.max(1, perEpoch / 20);
            TrainHistory history = new TrainHistory();
            double[] windowSums = new double[3], epochSums = new double[3];
            long windowSteps = 0, epochSteps = 0;
            err.printf(Locale.ROOT, "triad: training %s (%d parameters) on %s with the functional front-end (jit): %d examples, batch %d, %d steps per epoch, backend %s (%s)%n",
                    kind.id(), parameters, o.dataset().title(), train.size(), o.batchSize(), perEpoch, backend.name(), backend.defaultDevice().name());
            boolean stopped = false;
            long stepCount = 0;
            for (int epoch = 0; epoch < o.epochs() && !stopped; epoch++) {
                ProgressBar bar = new ProgressBar(err, tty, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, o.epochs()), 0, perEpoch, clock);
                long t0 = clock.getAsLong();
                try (BatchIterator it = loader.epoch(epoch, 0)) {
                    while (it.hasNext()) {
                        if (o.maxSteps() > 0 && stepCount >= o.maxSteps()) {
                            stopped = true;
                            break;
                        }
                        Batch batch = it.next();
                        double loss;
                        long correct;
                        try (Scope scope = Scope.open()) {
                            List<Object> out = step.apply(state, List.of(np.asarray(batch.inputs()), np.asarray(batch.targets())));
                            State next = scope.keep((State) out.get(0));
                            loss = ((Array) out.get(1)).item();
                            correct = (long) ((Array) out.get(2)).item();
                            Tree.treeClose(state);
                            state = next;
                        }
                        if (!Double.isFinite(loss)) {
                            throw new TriadException("train", "the loss became " + loss + " at batch " + batch.index() + " (learning rate too high?)");
                        }
                        stepCount++;
                        add(windowSums, loss, correct, batch.size());
                        add(epochSums, loss, correct, batch.size());
                        windowSteps++;
                        epochSteps++;
                        if (stepCount % window == 0) {
                            history.add(new TrainHistory.Point(stepCount, windowSums[0] / windowSteps, windowSums[1] / windowSums[2]));
                            java.util.Arrays.fill(windowSums, 0);
                            windowSteps = 0;
                        }
                        bar.update(batch.index() + 1, epochSums[0] / epochSteps);
                    }
                }
                double seconds = (clock.getAsLong() - t0) / 1e9;
                if (stopped) {
                    if (tty) err.println();
                    err.printf(Locale.ROOT, "triad: stopped at step %d (--max-steps)%n", stepCount);
                    break;
                }
                double[] eval = evaluate(evalStep, state.params(), testLoader);
                TrainHistory.Epoch e = new TrainHistory.Epoch(epoch + 1, stepCount, epochSums[0] / epochSteps, epochSums[1] / epochSums[2],
                        eval[0], eval[1], test.size(), seconds, epochSteps / Math.max(seconds, 1e-9));
                history.add(e);
                err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%% | test loss %.4f, test accuracy %.2f%% (%d images) | %d steps in %.1f s (%.1f steps/s)%n",
                        e.epoch(), o.epochs(), e.trainLoss(), 100 * e.trainAccuracy(), e.testLoss(), 100 * e.testAccuracy(), e.testExamples(),
                        epochSteps, e.seconds(), e.stepsPerSecond());
                java.util.Arrays.fill(epochSums, 0);
                epochSteps = 0;
            }
            report("train step", step.stats());
            report("evaluation", evalStep.stats());
            Tree.treeClose(state);
            return new TrainResult(o, backend.name(), backend.defaultDevice().name(), parameters, train.size(), stepCount, stopped, history);
        }
    }

    /**
     * The jitted training step: (state, [images, labels]) to [new state, mean loss, correct
     * predictions], with the gradient from {@code valueAndGrad} and the update from {@code opt}.
     */
    static Jitted2<State, List<Array>, List<Object>> trainStep(MnistModels.Kind kind, GradientTransformation opt) {
        Fn lossFn = args -> {
            @SuppressWarnings("unchecked")
            Map<String, Array> p = (Map<String, Array>) args[0];
            @SuppressWarnings("unchecked")
            List<Array> b = (List<Array>) args[1];
            return FunctionalTrainerModel.lossAndCorrect(kind, p, b.get(0), b.get(1));
        };
        Fn lossAndGrad = Transforms.valueAndGrad(lossFn, new int[] {0}, true);
        return jit((State s, List<Array> batch) -> {
            List<?> r = (List<?>) lossAndGrad.apply(s.params(), batch);
            List<?> lossAux = (List<?>) r.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Array> grads = (Map<String, Array>) r.get(1);
            Update<Map<String, Array>> u = opt.update(grads, s.opt(), s.params());
            return List.of(new State(Optimizers.applyUpdates(s.params(), u.updates()), u.state()), lossAux.get(0), lossAux.get(1));
        });
    }

    private static void add(double[] sums, double loss, long correct, int n) {
        sums[0] += loss;
        sums[1] += correct;
        sums[2] += n;
    }

    private void report(String what, JitStats s) {
        err.printf(Locale.ROOT, "triad: jit %s: %d trace(s) in %.1f ms, %d compile(s) in %.1f ms, %d cached call(s)%n",
                what, s.traces(), s.traceTime().toNanos() / 1e6, s.compiles(), s.compileTime().toNanos() / 1e6, s.cacheHits());
    }

    /** Mean loss and accuracy over the test loader. */
    // The backend choice and scopes act by being open; their variables are not read.
    @SuppressWarnings("try")
    private static double[] evaluate(Jitted2<Map<String, Array>, List<Array>, List<Array>> evalStep, Map<String, Array> params, DataLoader testLoader) {
        double lossSum = 0;
        long correct = 0, n = 0;
        try (BatchIterator it = testLoader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                try (Scope s = Scope.open()) {
                    List<Array> r = evalStep.apply(params, List.of(np.asarray(b.inputs()), np.asarray(b.targets())));
                    lossSum += r.get(0).item() * b.size();
                    correct += (long) r.get(1).item();
                    n += b.size();
                }
            }
        }
        return new double[] {n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n};
    }
}
