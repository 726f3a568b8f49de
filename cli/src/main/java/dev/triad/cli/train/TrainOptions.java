package dev.triad.cli.train;

import dev.triad.eager.data.DatasetId;
import dev.triad.eager.models.MnistModels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code triad train}, parsed from the command line. Defaults give the main job:
 * the CNN on MNIST, one epoch, batch 32, Adam with learning rate 1e-3, seed 42.
 *
 * @param model         which network
 * @param dataset       which data set
 * @param epochs        epochs to train (in total, counting those a resumed run already did)
 * @param batchSize     examples per step
 * @param lr            Adam's learning rate
 * @param backend       backend name, or null for the best available one
 * @param seed          seed for initialisation, shuffling and augmentation
 * @param checkpoint    checkpoint directory, or null
 * @param resume        continue from the checkpoint
 * @param dataDir       directory with the IDX files, or null for the cache
 * @param limit         train on the first {@code limit} examples only (0: all)
 * @param testLimit     evaluate on the first {@code testLimit} test examples only (0: all)
 * @param workers       data-loading threads
 * @param fetch         may install a system package to get the data (Fashion-MNIST)
 * @param maxSteps      stop (with a checkpoint) after this many steps in total (0: no limit)
 * @param reportDir     where the report goes, or null for the default
 */
public record TrainOptions(MnistModels.Kind model, DatasetId dataset, int epochs, int batchSize, double lr, String backend,
                           long seed, Path checkpoint, boolean resume, Path dataDir, int limit, int testLimit, int workers,
                           boolean fetch, long maxSteps, Path reportDir) {

    /** The main job's settings. */
    public static TrainOptions defaults() {
        return new TrainOptions(MnistModels.Kind.CNN, DatasetId.MNIST, 1, 32, 1e-3, null, 42, null, false, null, 0, 0, 1, false, 0, null);
    }

    /** The usage text. */
    public static String usage() {
        return """
                usage: triad train [options]
                  --model cnn|mlp          network: cnn = conv 3x3x32 SAME, ReLU, max-pool 2, dense 128, ReLU, dense 10;
                                           mlp = 784-256-10 (default cnn)
                  --dataset mnist|fashion-mnist   (default mnist)
                  --epochs N               epochs in total (default 1)
                  --batch-size N           (default 32)
                  --lr X                   Adam learning rate (default 0.001)
                  --backend NAME           backend to train on (default: the best available one)
                  --seed N                 seed for initialisation, shuffling and augmentation (default 42)
                  --checkpoint DIR         save a checkpoint there after every epoch (safetensors); the report goes there too
                  --resume                 continue from the checkpoint in --checkpoint DIR
                  --data-dir DIR           read the IDX files from DIR instead of the cache (~/.cache/triad/datasets)
                  --limit N                train on the first N examples only (quick runs)
                  --test-limit N           evaluate on the first N test examples only
                  --max-steps N            stop after N steps in total, saving a checkpoint if --checkpoint is given
                  --workers N              data-loading threads (default 1)
                  --report-dir DIR         where the report goes (default: the checkpoint directory, else reports/train-<time>/)
                  --fetch                  allow installing a system package to get the data (Fashion-MNIST, as root)""";
    }

    /**
     * Parses the arguments after {@code train}.
     *
     * @throws IllegalArgumentException with a message that names the bad option
     */
    public static TrainOptions parse(String[] args) {
        TrainOptions o = defaults();
        List<String> a = new ArrayList<>(List.of(args));
        MnistModels.Kind model = o.model;
        DatasetId dataset = o.dataset;
        int epochs = o.epochs, batch = o.batchSize, limit = 0, testLimit = 0, workers = o.workers;
        double lr = o.lr;
        String backend = null;
        long seed = o.seed, maxSteps = 0;
        Path checkpoint = null, dataDir = null, reportDir = null;
        boolean resume = false, fetch = false;
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i), value = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            switch (opt) {
                case "--resume" -> resume = true;
                case "--fetch" -> fetch = true;
                case "--model", "--dataset", "--epochs", "--batch-size", "--lr", "--backend", "--seed", "--checkpoint",
                     "--data-dir", "--limit", "--test-limit", "--workers", "--max-steps", "--report-dir" -> {
                    if (value == null) {
                        if (i + 1 >= a.size()) throw new IllegalArgumentException(opt + " needs a value");
                        value = a.get(++i);
                    }
                    switch (opt) {
                        case "--model" -> model = MnistModels.Kind.parse(value);
                        case "--dataset" -> dataset = DatasetId.parse(value);
                        case "--epochs" -> epochs = positiveInt(opt, value);
                        case "--batch-size" -> batch = positiveInt(opt, value);
                        case "--lr" -> lr = positiveDouble(opt, value);
                        case "--backend" -> backend = value;
                        case "--seed" -> seed = parseLong(opt, value);
                        case "--checkpoint" -> checkpoint = Path.of(value);
                        case "--data-dir" -> dataDir = Path.of(value);
                        case "--limit" -> limit = positiveInt(opt, value);
                        case "--test-limit" -> testLimit = positiveInt(opt, value);
                        case "--workers" -> workers = nonNegativeInt(opt, value);
                        case "--max-steps" -> maxSteps = positiveInt(opt, value);
                        case "--report-dir" -> reportDir = Path.of(value);
                        default -> throw new IllegalStateException(opt);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a.get(i) + "'");
            }
        }
        if (resume && checkpoint == null) throw new IllegalArgumentException("--resume needs --checkpoint DIR");
        return new TrainOptions(model, dataset, epochs, batch, lr, backend, seed, checkpoint, resume, dataDir, limit, testLimit, workers, fetch, maxSteps, reportDir);
    }

    private static int positiveInt(String opt, String v) {
        int n = nonNegativeInt(opt, v);
        if (n == 0) throw new IllegalArgumentException(opt + " must be positive, got " + v);
        return n;
    }

    private static int nonNegativeInt(String opt, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects a non-negative integer, got '" + v + "'");
        }
    }

    private static long parseLong(String opt, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects an integer, got '" + v + "'");
        }
    }

    private static double positiveDouble(String opt, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d > 0) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects a positive number, got '" + v + "'");
        }
    }
}
