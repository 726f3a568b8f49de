package dev.triad.graph.keras;

import dev.triad.graph.Fetchable;
import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Operation;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.Variable;
import dev.triad.graph.io.ModelFiles;
import dev.triad.graph.train.Optimizer;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras-style model over a graph: one input placeholder and one output. Built functionally
 * ({@code new Model(graph, input, output)} after applying layers yourself) or by
 * {@link Sequential}. {@link #compile} adds the labels, loss, metrics and the optimizer's
 * training step to the graph and opens a {@link Session}; {@link #fit}, {@link #evaluate} and
 * {@link #predict} then run the compiled graph batch by batch, with the weights kept on the
 * device throughout.
 */
public class Model implements AutoCloseable {
    private GraphBuilder graph;
    private Output input;
    private Output output;
    private final List<Layer> layers = new ArrayList<>();

    private Optimizer optimizer;
    private Output labels;
    private Output lossValue;
    private final List<String> metricNames = new ArrayList<>();
    private final List<Output> metricValues = new ArrayList<>();
    private Operation trainStep;
    private Session session;
    private Backend ownedBackend;
    private boolean stopTraining;
    private int verbose = 1;
    private PrintStream out = System.out;

    /** A functional model from {@code input} (a placeholder) to {@code output} of {@code graph}. */
    public Model(GraphBuilder graph, Output input, Output output) {
        if (!input.isPlaceholder()) throw new GraphException("the model's input '" + input.name() + "' must be a placeholder");
        if (input.graph() != graph || output.graph() != graph) throw new GraphException("input and output must belong to the model's graph");
        this.graph = graph;
        this.input = input;
        this.output = output;
    }

    /** For subclasses that build their graph later ({@link Sequential}). */
    protected Model() {}

    /** Sets the graph once built (for subclasses and loading). */
    protected final void setGraph(GraphBuilder g, Output in, Output out, List<Layer> modelLayers) {
        this.graph = g;
        this.input = in;
        this.output = out;
        this.layers.clear();
        this.layers.addAll(modelLayers);
    }

    /** Builds the graph if the subclass defers it; nothing by default. */
    protected void ensureBuilt() {}

    /** The graph. */
    public GraphBuilder graph() { ensureBuilt(); return graph; }
    /** The input placeholder. */
    public Output input() { ensureBuilt(); return input; }
    /** The output (predictions). */
    public Output output() { ensureBuilt(); return output; }
    /** The layers, when known (Sequential). */
    public List<Layer> layers() { ensureBuilt(); return List.copyOf(layers); }

    /** The trainable variables. */
    public List<Variable> trainableVariables() { return graph().trainableVariables(); }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Variable v : trainableVariables()) n += v.type().numel();
        return n;
    }

    // ---- compile --------------------------------------------------------------------------

    /** Compiles on the default backend (opened now, closed with the model). */
    public void compile(Optimizer opt, Loss loss, Metric... metrics) {
        ownedBackend = Backends.openDefault();
        compile(opt, loss, Arrays.asList(metrics), ownedBackend, SessionOptions.DEFAULT);
    }

    /**
     * Adds the labels placeholder, the loss, the metrics and {@code opt}'s training step to the
     * graph, and opens a session on {@code backend} with every variable initialised.
     */
    public void compile(Optimizer opt, Loss loss, List<Metric> metrics, Backend backend, SessionOptions options) {
        ensureBuilt();
        if (lossValue != null) throw new IllegalStateException("the model is already compiled");
        GraphBuilder g = graph;
        labels = loss.labels(g, output);
        try (GraphBuilder.Scope _ = g.scope("loss")) {
            lossValue = g.named(loss.compute(g, labels, output), "value");
        }
        try (GraphBuilder.Scope _ = g.scope("metrics")) {
            for (Metric m : metrics) {
                metricNames.add(m.name());
                metricValues.add(g.named(m.compute(g, labels, output), m.name()));
            }
        }
        optimizer = opt;
        trainStep = opt.minimize(g, lossValue, g.trainableVariables());
        openSession(backend, options);
    }

    /**
     * Attaches the pieces of a graph that was compiled earlier (used by {@link ModelFiles} when
     * loading a saved model): no node is added, and the new session's variables are left for
     * the caller to restore.
     */
    public final void attachCompiled(Output labelsPlaceholder, Output loss, Map<String, Output> metrics, Operation train, Variable learningRate,
                                     Backend backend, SessionOptions options) {
        this.labels = labelsPlaceholder;
        this.lossValue = loss;
        this.metricNames.clear();
        this.metricValues.clear();
        for (Map.Entry<String, Output> e : metrics.entrySet()) {
            metricNames.add(e.getKey());
            metricValues.add(e.getValue());
        }
        this.trainStep = train;
        this.loadedLearningRate = learningRate;
        // The caller restores every variable's saved value; initialisers may not be runnable (saved literal values).
        session = new Session(graph, backend, options);
    }

    private Variable loadedLearningRate;

    private void openSession(Backend backend, SessionOptions options) {
        session = new Session(graph, backend, options);
        session.initializeVariables();
    }

    /** The session (after {@link #compile}, or opened on the default backend for prediction). */
    public Session session() {
        ensureBuilt();
        if (session == null) {
            ownedBackend = Backends.openDefault();
            openSession(ownedBackend, SessionOptions.DEFAULT);
        }
        return session;
    }

    /** Sets the verbosity of {@link #fit} (0 silent, 1 progress bar, 2 one line per epoch) and where it prints. */
    public Model verbose(int level, PrintStream stream) {
        this.verbose = level;
        this.out = stream;
        return this;
    }

    // ---- one batch ------------------------------------------------------------------------

    /** One training step on a batch; returns the batch's loss and metrics (before the update). */
    public Map<String, Double> trainOnBatch(HostArray x, HostArray y) {
        requireCompiled();
        List<Fetchable> fetches = new ArrayList<>();
        fetches.add(lossValue);
        fetches.addAll(metricValues);
        fetches.add(trainStep);
        return logs(session.run(fetches, Map.of(input, x, labels, y)));
    }

    /** The loss and metrics of a batch, without training. */
    public Map<String, Double> testOnBatch(HostArray x, HostArray y) {
        requireCompiled();
        List<Fetchable> fetches = new ArrayList<>();
        fetches.add(lossValue);
        fetches.addAll(metricValues);
        return logs(session.run(fetches, Map.of(input, x, labels, y)));
    }

    /** The model's output for a batch. */
    public HostArray predictOnBatch(HostArray x) {
        return session().run(output(), Map.of(input(), x));
    }

    private Map<String, Double> logs(List<HostArray> values) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", values.get(0).getDouble(0));
        for (int i = 0; i < metricNames.size(); i++) logs.put(metricNames.get(i), values.get(1 + i).getDouble(0));
        return logs;
    }

    // ---- loops ----------------------------------------------------------------------------

    /** Trains on arrays: {@code epochs} passes in batches of {@code batchSize}, shuffled with seed 0. */
    public History fit(HostArray x, HostArray y, int batchSize, int epochs, Callback... callbacks) {
        return fit(new ArraySource(x, y, batchSize, true, 0), epochs, null, callbacks);
    }

    /**
     * Trains for {@code epochs} epochs, evaluating on {@code validation} (may be null) after each,
     * with a progress bar per epoch and the callbacks' hooks.
     */
    public History fit(BatchSource train, int epochs, BatchSource validation, Callback... callbacks) {
        requireCompiled();
        History history = new History();
        List<Callback> all = new ArrayList<>();
        all.add(history);
        all.addAll(Arrays.asList(callbacks));
        stopTraining = false;
        for (Callback c : all) c.onTrainBegin(this);
        for (int epoch = 0; epoch < epochs && !stopTraining; epoch++) {
            for (Callback c : all) c.onEpochBegin(this, epoch);
            if (verbose > 0) out.println("Epoch " + (epoch + 1) + "/" + epochs);
            ProgressBar bar = new ProgressBar(out, verbose, train.batchesPerEpoch());
            Means means = new Means();
            int done = 0;
            for (Iterator<Batch> it = train.epoch(epoch); it.hasNext(); ) {
                Batch b = it.next();
                Map<String, Double> logs = trainOnBatch(b.x(), b.y());
                means.add(logs, b.size());
                for (Callback c : all) c.onBatchEnd(this, done, logs);
                bar.update(++done, means.values());
            }
            Map<String, Double> epochLogs = new LinkedHashMap<>(means.values());
            if (validation != null) {
                for (Map.Entry<String, Double> e : evaluate(validation).entrySet()) epochLogs.put("val_" + e.getKey(), e.getValue());
            }
            bar.finish(done, epochLogs);
            for (Callback c : all) c.onEpochEnd(this, epoch, epochLogs);
        }
        for (Callback c : all) c.onTrainEnd(this);
        return history;
    }

    /** The loss and metrics over every batch of {@code data}, weighted by batch size. */
    public Map<String, Double> evaluate(BatchSource data) {
        Means means = new Means();
        for (Iterator<Batch> it = data.epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            means.add(testOnBatch(b.x(), b.y()), b.size());
        }
        return means.values();
    }

    /** The loss and metrics over arrays, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(HostArray x, HostArray y, int batchSize) {
        return evaluate(new ArraySource(x, y, batchSize, false, 0));
    }

    /** The outputs for every row of {@code x}, computed in batches of {@code batchSize} and stacked. */
    public HostArray predict(HostArray x, int batchSize) {
        List<HostArray> parts = new ArrayList<>();
        long rows = 0;
        for (Iterator<Batch> it = new ArraySource(x, null, batchSize, false, 0).epoch(0); it.hasNext(); ) {
            HostArray p = predictOnBatch(it.next().x());
            parts.add(p);
            rows += p.shape().dim(0);
        }
        HostArray first = parts.get(0);
        byte[] all = new byte[Math.toIntExact(rows * (first.type().byteSize() / Math.max(1, first.shape().dim(0))))];
        int at = 0;
        for (HostArray p : parts) {
            System.arraycopy(p.bytes(), 0, all, at, p.bytes().length);
            at += p.bytes().length;
        }
        return HostArray.wrap(new TensorType(first.dtype(), first.shape().withDim(0, rows)), all);
    }

    /** Running means of logs, weighted by batch size. */
    private static final class Means {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private long count;

        void add(Map<String, Double> logs, int n) {
            for (Map.Entry<String, Double> e : logs.entrySet()) sums.merge(e.getKey(), e.getValue() * n, Double::sum);
            count += n;
        }

        Map<String, Double> values() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : sums.entrySet()) m.put(e.getKey(), e.getValue() / count);
            return m;
        }
    }

    // ---- state ----------------------------------------------------------------------------

    /** Asks {@link #fit} to stop after the current epoch (for callbacks). */
    public void stopTraining() { stopTraining = true; }

    /** The current learning rate. */
    public double learningRate() { return session.read(learningRateVariable()).getDouble(0); }

    /** Sets the learning rate (a variable: nothing recompiles). */
    public void setLearningRate(double lr) {
        session.write(learningRateVariable(), HostArray.fromDoubles(DType.F64, Shape.SCALAR, lr));
    }

    private Variable learningRateVariable() {
        requireCompiled();
        return optimizer != null ? optimizer.learningRate() : loadedLearningRate;
    }

    /** The current values of the trainable variables (the model's weights, not the optimizer's state), by name. */
    public Map<String, HostArray> getWeights() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        for (Variable v : trainableVariables()) if (session().isInitialized(v)) m.put(v.name(), session.read(v));
        return m;
    }

    /** Sets variables by name; every name must be a variable of the graph with the value's type. */
    public void setWeights(Map<String, HostArray> weights) {
        for (Map.Entry<String, HostArray> e : weights.entrySet()) {
            if (!(graph().byName(e.getKey()) instanceof Variable v)) throw new GraphException("the model has no variable called '" + e.getKey() + "'");
            session().write(v, e.getValue());
        }
    }

    /** A table of the layers (or variables) and parameter counts. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-24s %-36s %12s%n", "Layer", "Output shape / type", "Params"));
        if (!layers().isEmpty()) {
            for (Layer l : layers) b.append(String.format("%-24s %-36s %12d%n", l.name(), l.describe(), l.parameterCount()));
        } else {
            for (Variable v : trainableVariables()) b.append(String.format("%-24s %-36s %12d%n", v.name(), v.type(), v.type().numel()));
        }
        b.append(String.format("Total trainable parameters: %d%n", parameterCount()));
        return b.toString();
    }

    /** The optimizer, the loss value, the labels, the metrics and the training step, once compiled (for saving). */
    public Compiled compiled() {
        requireCompiled();
        Map<String, Output> metrics = new LinkedHashMap<>();
        for (int i = 0; i < metricNames.size(); i++) metrics.put(metricNames.get(i), metricValues.get(i));
        return new Compiled(labels, lossValue, metrics, trainStep, learningRateVariable());
    }

    /**
     * The nodes {@link #compile} added.
     *
     * @param labels the labels placeholder
     * @param loss the loss value
     * @param metrics the metric values by name
     * @param trainStep the training step
     * @param learningRate the optimizer's learning-rate variable
     */
    public record Compiled(Output labels, Output loss, Map<String, Output> metrics, Operation trainStep, Variable learningRate) {}

    /** Saves the graph, every variable's value (weights and optimizer state) and the model's roles to {@code directory}. */
    public void save(Path directory) throws IOException { ModelFiles.save(this, directory); }

    /** Loads a saved model onto {@code backend}, ready to predict, evaluate or continue training. */
    public static Model load(Path directory, Backend backend) throws IOException { return ModelFiles.load(directory, backend); }

    private void requireCompiled() {
        if (lossValue == null) throw new IllegalStateException("compile the model first");
    }

    /** Closes the session (and the backend, if the model opened it). */
    @Override
    public void close() {
        if (session != null) session.close();
        session = null;
        if (ownedBackend != null) ownedBackend.close();
        ownedBackend = null;
    }
}
