package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.functional.tree.TreeDef;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.passes.StandardPipeline;
import dev.triad.spi.types.TensorType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machinery of {@code jit}: traces the function to a {@link Graph} once per signature
 * (structure of the arguments, dtypes and shapes of their arrays, static arguments, backend),
 * runs the shared passes, compiles the result on the backend and runs the executable on later
 * calls with the same signature. Called with tracers (inside another transformation), it
 * re-interprets the traced graph under the enclosing traces instead.
 */
final class JitCore implements JitFunction {
    private final Fn f;
    private final boolean[] isStatic;
    private final Map<Signature, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong traces = new AtomicLong(), compiles = new AtomicLong(), hits = new AtomicLong();
    private final AtomicLong traceNanos = new AtomicLong(), compileNanos = new AtomicLong();
    private volatile long lastTraceNanos, lastCompileNanos;
    private volatile boolean closed;

    /** What a traced graph is specialised to. */
    private record Signature(TreeDef structure, List<TensorType> types, List<Object> statics, Backend backend) {}

    /** One traced signature. */
    private static final class Entry {
        final Graph graph;
        final TreeDef outDef;
        final boolean stopsGradient;
        // Closed-over concrete arrays, each held by a view of our own so the user may close theirs.
        final List<DeviceArray> constants;
        // Closed-over tracers of enclosing transformations: valid for this call only.
        final List<Array> liveCaptures;
        Executable executable;
        Graph optimized;
        // Compiled batched versions of the graph for a top-level vmap, by batch axes and size.
        final Map<List<Long>, JitCore> batched = new ConcurrentHashMap<>();

        Entry(Graph graph, TreeDef outDef, boolean stopsGradient, List<DeviceArray> constants, List<Array> liveCaptures) {
            this.graph = graph;
            this.outDef = outDef;
            this.stopsGradient = stopsGradient;
            this.constants = constants;
            this.liveCaptures = liveCaptures;
        }

        boolean cacheable() { return liveCaptures.isEmpty(); }

        List<Array> captured() {
            if (!liveCaptures.isEmpty()) return liveCaptures;
            List<Array> out = new ArrayList<>(constants.size());
            for (DeviceArray d : constants) out.add(EvalTrace.wrap(d.view(d.offset(), d.shape(), d.strides())));
            return out;
        }

        void close() {
            for (JitCore c : batched.values()) c.close();
            batched.clear();
            if (executable != null) executable.close();
            executable = null;
            for (DeviceArray d : constants) d.close();
        }
    }

    JitCore(Fn f, int[] staticArgnums) {
        this.f = f;
        int max = -1;
        for (int i : staticArgnums) {
            if (i < 0) throw new ArityException("jit", "static argnum " + i + " is negative");
            max = Math.max(max, i);
        }
        this.isStatic = new boolean[max + 1];
        for (int i : staticArgnums) isStatic[i] = true;
    }

    /** Calls the function: compiled when every input is concrete, re-interpreted under enclosing traces otherwise. */
    Object call(Object[] args) {
        if (closed) throw new IllegalStateException("this jitted function was closed");
        Prepared p = prepare(args);
        Entry e = entryFor(p);
        boolean staged = TraceStack.floor() instanceof GraphTrace || !e.cacheable();
        for (Array x : p.flat.leaves()) staged |= !x.isConcrete();
        if (staged) {
            if (e.stopsGradient) return f.apply(args);
            List<Array> inputs = new ArrayList<>(p.flat.leaves());
            inputs.addAll(e.captured());
            List<Array> batched = e.cacheable() ? BatchedCall.tryCall(e.graph, inputs, e.batched) : null;
            return e.outDef.unflatten(batched != null ? batched : GraphEval.interpret(e.graph, inputs));
        }
        Executable exe = compiled(e, p.signature.backend());
        List<DeviceArray> inputs = new ArrayList<>();
        for (Array x : p.flat.leaves()) inputs.add(x.device());
        inputs.addAll(e.constants);
        List<DeviceArray> outs = exe.run(inputs);
        List<Array> results = new ArrayList<>(outs.size());
        for (DeviceArray d : outs) results.add(EvalTrace.wrap(d));
        return e.outDef.unflatten(results);
    }

    /** The arguments split into static values and array leaves, with their signature. */
    private record Prepared(Object[] args, Flat flat, Signature signature) {}

    private Prepared prepare(Object[] args) {
        Object[] dynamic = args.clone();
        List<Object> statics = new ArrayList<>();
        for (int i = 0; i < isStatic.length; i++) {
            if (!isStatic[i]) continue;
            if (i >= args.length) throw new ArityException("jit", "static argnum " + i + " is out of range for a call with " + args.length + " argument(s)");
            statics.add(args[i]);
            dynamic[i] = null;
        }
        Flat flat = Tree.treeFlatten(Arrays.asList(dynamic));
        List<TensorType> types = new ArrayList<>(flat.leaves().size());
        Backend backend = null;
        for (Array x : flat.leaves()) {
            types.add(x.type());
            if (backend == null && x.isConcrete()) backend = x.device().backend();
        }
        if (backend == null) backend = Platform.backend();
        return new Prepared(args, flat, new Signature(flat.def(), List.copyOf(types), statics, backend));
    }

    private Entry entryFor(Prepared p) {
        Entry e = cache.get(p.signature);
        if (e != null) {
            hits.incrementAndGet();
            return e;
        }
        e = trace(p);
        if (e.cacheable()) {
            Entry raced = cache.putIfAbsent(p.signature, e);
            if (raced != null) {
                e.close();
                return raced;
            }
        }
        return e;
    }

    private Entry trace(Prepared p) {
        long t0 = System.nanoTime();
        Graph graph;
        Flat out;
        List<Array> captured;
        boolean stops;
        try (var entry = TraceStack.push(GraphTrace::new)) {
            GraphTrace g = entry.trace();
            List<Array> params = new ArrayList<>(p.flat.leaves().size());
            for (TensorType t : p.signature.types()) params.add(g.parameter(t));
            Object[] callArgs = ((List<?>) p.flat.def().unflatten(params)).toArray();
            for (int i = 0; i < isStatic.length && i < callArgs.length; i++) if (isStatic[i]) callArgs[i] = p.args[i];
            out = Tree.treeFlatten(f.apply(callArgs));
            for (Array y : out.leaves()) Args.checkLive(y);
            graph = g.build(out.leaves());
            captured = g.capturedValues();
            stops = g.stopsGradient();
        }
        boolean concrete = true;
        for (Array c : captured) concrete &= c.isConcrete();
        List<DeviceArray> constants = new ArrayList<>();
        if (concrete) {
            for (Array c : captured) {
                DeviceArray d = c.device();
                constants.add(d.view(d.offset(), d.shape(), d.strides()));
            }
        }
        long dt = System.nanoTime() - t0;
        traces.incrementAndGet();
        traceNanos.addAndGet(dt);
        lastTraceNanos = dt;
        return new Entry(graph, out.def(), stops, constants, concrete ? List.of() : captured);
    }

    private Executable compiled(Entry e, Backend backend) {
        synchronized (e) {
            if (e.executable == null) {
                long t0 = System.nanoTime();
                e.optimized = StandardPipeline.of(backend).apply(e.graph);
                e.executable = backend.compile(e.optimized);
                long dt = System.nanoTime() - t0;
                compiles.incrementAndGet();
                compileNanos.addAndGet(dt);
                lastCompileNanos = dt;
            }
            return e.executable;
        }
    }

    @Override
    public Graph lower(Object... args) { return entryFor(prepare(args)).graph; }

    @Override
    public Graph optimized(Object... args) {
        Prepared p = prepare(args);
        Entry e = entryFor(p);
        compiled(e, p.signature.backend());
        return e.optimized;
    }

    @Override
    public JitStats stats() {
        long t = traces.get(), c = compiles.get(), h = hits.get(), tn = traceNanos.get(), cn = compileNanos.get();
        // The compiled batched graphs of a top-level vmap count as this function's work.
        for (Entry e : cache.values()) {
            for (JitCore b : e.batched.values()) {
                JitStats s = b.stats();
                t += s.traces();
                c += s.compiles();
                h += s.cacheHits();
                tn += s.traceTime().toNanos();
                cn += s.compileTime().toNanos();
            }
        }
        return new JitStats(t, c, h, cache.size(), Duration.ofNanos(tn), Duration.ofNanos(cn),
                Duration.ofNanos(lastTraceNanos), Duration.ofNanos(lastCompileNanos));
    }

    @Override
    public void clearCache() {
        List<Entry> all = new ArrayList<>(cache.values());
        cache.clear();
        for (Entry e : all) e.close();
    }

    @Override
    public void close() {
        closed = true;
        clearCache();
    }
}
