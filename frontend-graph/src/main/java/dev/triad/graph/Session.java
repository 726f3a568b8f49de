package dev.triad.graph;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link GraphBuilder}'s graph on a backend, like {@code tf.Session}.
 *
 * <p>{@link #run} compiles the subgraph its fetches need once per signature (which nodes are
 * fetched, which placeholders are fed with which concrete types): the front-end graph is
 * specialised to static Graph IR, optimised by the pass pipeline and compiled by the backend;
 * later runs with the same signature reuse the executable. A new batch size is a new
 * signature.
 *
 * <p>Variables live on the device from {@link #initializeVariables} until {@link #close}: a
 * run passes their arrays to the executable and replaces those it assigns by the new values
 * the executable returns, without a copy through the host.
 *
 * <p>Feeds are checked before anything runs: a needed placeholder that is not fed, a fed value
 * that is not a needed placeholder of this graph, or one of the wrong dtype or shape, each get
 * an error naming the placeholder and what was expected. Not thread-safe beyond the
 * synchronisation of its public methods.
 */
public final class Session implements AutoCloseable {
    private final GraphBuilder graph;
    private final Backend backend;
    private final boolean ownsBackend;
    private final SessionOptions options;
    private final Map<Variable, DeviceArray> variables = new HashMap<>();
    private final Map<Signature, Compiled> cache = new HashMap<>();
    private long runs;
    private long specializeNanos, optimizeNanos, compileNanos;
    private boolean closed;

    private record Signature(List<Integer> fetches, Map<Integer, TensorType> feeds) {}

    private record Compiled(Specialization spec, Graph optimized, Executable executable) {}

    /** A session on the default backend ({@link Backends#openDefault()}), which it closes when it closes. */
    public Session(GraphBuilder graph) { this(graph, Backends.openDefault(), true, SessionOptions.DEFAULT); }

    /** A session on {@code backend}, which stays open when the session closes. */
    public Session(GraphBuilder graph, Backend backend) { this(graph, backend, false, SessionOptions.DEFAULT); }

    /** A session on {@code backend} with {@code options}; the backend stays open when the session closes. */
    public Session(GraphBuilder graph, Backend backend, SessionOptions options) { this(graph, backend, false, options); }

    private Session(GraphBuilder graph, Backend backend, boolean ownsBackend, SessionOptions options) {
        if (graph == null || backend == null || options == null) throw new IllegalArgumentException("graph, backend and options are required");
        this.graph = graph;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.options = options;
    }

    /** The graph. */
    public GraphBuilder graph() { return graph; }

    /** The backend runs happen on. */
    public Backend backend() { return backend; }

    // ---- variables ------------------------------------------------------------------------

    /** Initialises every variable of the graph that has no value yet (new variables can be added later). */
    public synchronized void initializeVariables() {
        checkOpen();
        for (Variable v : graph.variables()) if (!variables.containsKey(v)) initialize(v);
    }

    /** (Re)sets {@code v} to its initializer's value. */
    public synchronized void initialize(Variable v) {
        checkOpen();
        graph.check(v);
        write(v, v.initializer().initialValue(v.type()));
    }

    /** True when {@code v} has a value in this session. */
    public synchronized boolean isInitialized(Variable v) { return variables.containsKey(v); }

    /** The current value of {@code v}, copied to the host. */
    public synchronized HostArray read(Variable v) {
        checkOpen();
        return backend.download(valueOf(v));
    }

    /** Sets {@code v} to {@code value} (loading weights, setting a learning rate). */
    public synchronized void write(Variable v, HostArray value) {
        checkOpen();
        graph.check(v);
        if (!value.type().equals(v.type())) {
            throw new ShapeException("session.write", "variable '" + v.name() + "' has type " + v.type() + " but the value has type " + value.type());
        }
        replace(v, backend.upload(value));
    }

    private DeviceArray valueOf(Variable v) {
        graph.check(v);
        DeviceArray a = variables.get(v);
        if (a == null) {
            throw new GraphException("variable '" + v.name() + "' is not initialised in this session; call initializeVariables() (or load its weights) first");
        }
        return a;
    }

    private void replace(Variable v, DeviceArray value) {
        DeviceArray old = variables.put(v, value);
        if (old != null) old.close();
    }

    // ---- running --------------------------------------------------------------------------

    /** Runs {@code fetch} with {@code feeds} and returns its value. */
    public HostArray run(Output fetch, Map<Output, HostArray> feeds) { return run(List.of(fetch), feeds).get(0); }

    /** Runs {@code op} (for its effects) with {@code feeds}. */
    public void run(Operation op, Map<Output, HostArray> feeds) { run(List.of(op), feeds); }

    /**
     * Runs the graph once: computes every fetch, applies the assignments the fetches depend on,
     * and returns one host array per fetch (null for an {@link Operation}).
     *
     * @throws FeedException for a missing or unneeded feed
     * @throws DTypeException for a feed of the wrong dtype
     * @throws ShapeException for a feed of the wrong shape
     */
    public synchronized List<HostArray> run(List<? extends Fetchable> fetches, Map<Output, HostArray> feeds) {
        checkOpen();
        if (fetches.isEmpty()) throw new GraphException("session.run needs at least one fetch");
        Map<Output, TensorType> feedTypes = checkFeedValues(feeds);
        Compiled c = compile(fetches, feedTypes);
        Specialization s = c.spec();
        List<DeviceArray> inputs = new ArrayList<>();
        List<DeviceArray> uploaded = new ArrayList<>();
        List<DeviceArray> outputs;
        try {
            for (Output p : s.feeds()) {
                DeviceArray a = backend.upload(feeds.get(p));
                uploaded.add(a);
                inputs.add(a);
            }
            for (Variable v : s.variables()) inputs.add(valueOf(v));
            outputs = c.executable().run(inputs);
        } finally {
            for (DeviceArray a : uploaded) a.close();
        }
        int fetched = s.fetched().size();
        List<HostArray> results = new ArrayList<>(fetches.size());
        try {
            int k = 0;
            for (Fetchable f : fetches) results.add(f instanceof Output ? backend.download(outputs.get(k++)) : null);
        } catch (RuntimeException e) {
            for (DeviceArray a : outputs) a.close();
            throw e;
        }
        for (int i = 0; i < fetched; i++) outputs.get(i).close();
        // Assignments take effect only once the run has fully succeeded.
        for (int i = 0; i < s.assigned().size(); i++) replace(s.assigned().get(i), outputs.get(fetched + i));
        runs++;
        return results;
    }

    /** Starts a run in TensorFlow Java's style: {@code session.runner().feed(x, batch).fetch(loss).addTarget(train).run()}. */
    public Runner runner() { return new Runner(); }

    /** Collects the feeds and fetches of one run. */
    public final class Runner {
        private final Map<Output, HostArray> feeds = new LinkedHashMap<>();
        private final List<Fetchable> fetches = new ArrayList<>();
        private final List<Fetchable> targets = new ArrayList<>();

        private Runner() {}

        /** Feeds {@code value} to placeholder {@code p}. */
        public Runner feed(Output p, HostArray value) {
            feeds.put(p, value);
            return this;
        }

        /** Fetches {@code f}'s value. */
        public Runner fetch(Output f) {
            fetches.add(f);
            return this;
        }

        /** Runs {@code op} too, without fetching anything for it. */
        public Runner addTarget(Fetchable op) {
            targets.add(op);
            return this;
        }

        /** Runs and returns the fetched values, in the order they were added. */
        public List<HostArray> run() {
            List<Fetchable> all = new ArrayList<>(fetches);
            all.addAll(targets);
            List<HostArray> r = Session.this.run(all, feeds);
            return r.subList(0, fetches.size());
        }
    }

    // ---- compilation ----------------------------------------------------------------------

    /**
     * The optimised Graph IR that runs for {@code fetches} with feeds of {@code feedTypes}
     * (compiling it if this signature was not run yet): for inspecting what a session does.
     */
    public synchronized Graph compiledGraph(List<? extends Fetchable> fetches, Map<Output, TensorType> feedTypes) {
        checkOpen();
        return compile(fetches, feedTypes).optimized();
    }

    private Compiled compile(List<? extends Fetchable> fetches, Map<Output, TensorType> feedTypes) {
        List<Integer> ids = new ArrayList<>(fetches.size());
        for (Fetchable f : fetches) {
            graph.check(f);
            ids.add(f.id());
        }
        Map<Integer, TensorType> feedKey = new HashMap<>();
        for (Map.Entry<Output, TensorType> e : feedTypes.entrySet()) feedKey.put(e.getKey().id(), e.getValue());
        Signature sig = new Signature(ids, feedKey);
        Compiled c = cache.get(sig);
        if (c != null) return c;
        long t0 = System.nanoTime();
        Specialization spec = Specializer.specialize(graph, fetches, feedTypes);
        long t1 = System.nanoTime();
        Graph optimized = options.optimize() ? options.pipeline().apply(backend).apply(spec.graph()) : spec.graph();
        long t2 = System.nanoTime();
        Executable exe = backend.compile(optimized);
        long t3 = System.nanoTime();
        specializeNanos += t1 - t0;
        optimizeNanos += t2 - t1;
        compileNanos += t3 - t2;
        c = new Compiled(spec, optimized, exe);
        cache.put(sig, c);
        return c;
    }

    private Map<Output, TensorType> checkFeedValues(Map<Output, HostArray> feeds) {
        Map<Output, TensorType> types = new HashMap<>();
        for (Map.Entry<Output, HostArray> e : feeds.entrySet()) {
            Output p = e.getKey();
            HostArray value = e.getValue();
            if (p == null) throw new FeedException("a feed key is null");
            if (p.graph() != graph) throw new FeedException("'" + p.name() + "' belongs to another graph");
            if (!p.isPlaceholder()) {
                throw new FeedException("only placeholders can be fed; '" + p.name() + "' is a " + p.op() + " node");
            }
            if (value == null) throw new FeedException("placeholder '" + p.name() + "' is fed null");
            if (value.dtype() != p.dtype()) {
                throw new DTypeException("feed", "placeholder '" + p.name() + "' expects " + p.dtype().shortName() + p.shape()
                        + " but was fed " + value.type() + "; expected dtype " + p.dtype().shortName());
            }
            if (!p.shape().accepts(value.shape())) {
                throw new ShapeException("feed", "placeholder '" + p.name() + "' expects " + p.dtype().shortName() + p.shape()
                        + " but was fed " + value.type() + "; expected a shape matching " + p.shape());
            }
            types.put(p, value.type());
        }
        return types;
    }

    /** Counters and timings so far. */
    public synchronized SessionStats stats() {
        return new SessionStats(runs, cache.size(), specializeNanos, optimizeNanos, compileNanos);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("this session is closed");
    }

    /** Releases the executables and the variables' device arrays (and the backend, if the session opened it). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Compiled c : cache.values()) c.executable().close();
        cache.clear();
        for (DeviceArray a : variables.values()) a.close();
        variables.clear();
        if (ownsBackend) backend.close();
    }

    @Override
    public String toString() { return "Session on " + backend.name() + ", " + stats(); }
}
