package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuThreads;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The oneDNN runtime of the CPU backend: the native library (from the Bytedeco {@code dnnl}
 * preset), one CPU engine, one stream, and the primitives created so far, cached by shape.
 *
 * <p>{@link #load} runs when the backend opens, never earlier, and never throws: without the
 * native library (another OS, a missing jar, a failing loader) it returns the reason, and the
 * backend keeps its Java kernels and shows that reason in its device properties.
 *
 * <p>One owner of the cores: every oneDNN call runs under one lock, on the calling thread,
 * with an OpenMP team sized like {@link dev.triad.backend.cpu.CpuThreads} that spins only
 * briefly when idle ({@link OpenMp}), and the CPU backend's Java loops run on that same team
 * ({@link #team()}), so no second pool competes with it for the cores. (The lock also makes the
 * single stream and the cached primitives' memory objects safe to share between threads.)
 */
public final class OneDnn {
    /** {@code -Dtriad.onednn=false} keeps the Java kernels even where oneDNN loads. */
    public static final String PROPERTY = "triad.onednn";
    /** {@code -Dtriad.onednn.verbose=true} prints each primitive created (key, implementation, packing) to stderr. */
    public static final String VERBOSE_PROPERTY = "triad.onednn.verbose";
    private static final boolean VERBOSE = Boolean.getBoolean(VERBOSE_PROPERTY);
    /** Cached primitives kept before the least recently used is destroyed. */
    static final int CACHE_CAPACITY = 512;

    /** A cached value that owns native objects. */
    interface Cached {
        /** Releases the native objects; called under the lock, once. */
        void destroy();
    }

    /** Creates a plan for a key on a cache miss; returns null when oneDNN cannot run the op that way. */
    @FunctionalInterface
    interface Planner<T extends Cached> {
        T plan(Build b) throws Throwable;
    }

    /** Runs a plan; called under the lock. */
    @FunctionalInterface
    interface Runner<T extends Cached> {
        void run(T plan) throws Throwable;
    }

    /**
     * The outcome of {@link #load}.
     *
     * @param runtime the loaded runtime, or null
     * @param description what loaded (version, ISA, threads) or why not, for device properties
     */
    public record LoadResult(OneDnn runtime, String description) {
        /** True when oneDNN is usable. */
        public boolean available() { return runtime != null; }
    }

    private static final Cached NONE = () -> {};
    /** Where {@code libdnnl.so} was loaded from; read by {@code DnnlApi} when it binds. */
    static volatile Path libraryPath;
    private static LoadResult result;

    private final MemorySegment engine;
    private final MemorySegment stream;
    private final String description;
    private final CpuThreads.Team team;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<PrimitiveKey, Cached> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final Staging staging = new Staging();

    private OneDnn(MemorySegment engine, MemorySegment stream, String description, CpuThreads.Team team) {
        this.team = team;
        this.engine = engine;
        this.stream = stream;
        this.description = description;
    }

    /**
     * Loads oneDNN once per process, sizing its OpenMP team to {@code threads}. Never throws;
     * a failure is remembered and reported by every later call.
     */
    public static synchronized LoadResult load(int threads) {
        if (result != null) return result;
        String flag = System.getProperty(PROPERTY, "true").trim();
        if (flag.equalsIgnoreCase("false")) {
            result = new LoadResult(null, "disabled (-D" + PROPERTY + "=false)");
            return result;
        }
        try {
            result = open(threads);
        } catch (Throwable t) {
            // UnsatisfiedLinkError, NoClassDefFoundError (jars missing), loader failures: keep the Java kernels.
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            result = new LoadResult(null, "unavailable (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        }
        return result;
    }

    private static LoadResult open(int threads) throws Throwable {
        String policy = OpenMp.preferBoundedSpin();
        String binding = OpenMp.binding();
        MemorySegment loaderAffinity = OpenMp.affinity();
        org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
        // A libgomp bound by the user's OMP_PROC_BIND/OMP_PLACES pins the thread that loaded it to
        // the first core; this Java thread (and every thread it starts later) must keep the whole machine.
        if (!OpenMp.restoreAffinity(loaderAffinity)) binding += " (the loading thread's affinity could not be restored)";
        Path dnnl = null, gomp = null;
        for (String path : org.bytedeco.javacpp.Loader.getLoadedLibraries().values()) {
            String file = Path.of(path).getFileName().toString();
            if (file.startsWith("libdnnl.so")) dnnl = Path.of(path);
            if (file.startsWith("libgomp.so")) gomp = Path.of(path);
        }
        if (dnnl == null) throw new UnsatisfiedLinkError("the dnnl preset loaded but libdnnl.so is not among its libraries");
        libraryPath = dnnl;
        OpenMpTeam team = null;
        if (gomp != null) {
            SymbolLookup libgomp = SymbolLookup.libraryLookup(gomp, Arena.global());
            OpenMp.bind(libgomp, threads);
            team = OpenMpTeam.bind(libgomp);
        }
        MemorySegment out = Arena.global().allocate(ADDRESS);
        DnnlApi.check((int) DnnlApi.ENGINE_CREATE.invokeExact(out, org.bytedeco.dnnl.global.dnnl.dnnl_cpu, 0L), "dnnl_engine_create");
        MemorySegment engine = DnnlApi.handle(out);
        DnnlApi.check((int) DnnlApi.STREAM_CREATE.invokeExact(out, engine, org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags),
                "dnnl_stream_create");
        MemorySegment stream = DnnlApi.handle(out);
        MemorySegment v = ((MemorySegment) DnnlApi.VERSION.invokeExact()).reinterpret(12);
        String version = v.get(JAVA_INT, 0) + "." + v.get(JAVA_INT, 4) + "." + v.get(JAVA_INT, 8);
        String isa = isaName((int) DnnlApi.EFFECTIVE_CPU_ISA.invokeExact());
        String omp = gomp == null ? "OpenMP runtime not found" : OpenMp.threads() + " OpenMP threads, " + binding + ", OMP_WAIT_POLICY " + policy;
        return new LoadResult(new OneDnn(engine, stream, "oneDNN " + version + " (" + isa + "), " + omp, team), null);
    }

    /** The name of a {@code dnnl_cpu_isa_t}. */
    static String isaName(int isa) {
        return switch (isa) {
            case 1 -> "sse41";
            case 3 -> "avx";
            case 7 -> "avx2";
            case 15 -> "avx2_vnni";
            case 31 -> "avx2_vnni_2";
            case 39 -> "avx512_core";
            case 103 -> "avx512_core_vnni";
            case 231 -> "avx512_core_bf16";
            case 495 -> "avx10_1_512";
            case 4079 -> "avx10_1_512_amx";
            case 8175 -> "avx10_1_512_amx_fp16";
            default -> "isa " + isa;
        };
    }

    /**
     * The OpenMP team, able to run the CPU backend's Java loops so that they share oneDNN's
     * threads; null where it cannot or the user kept Java workers.
     */
    public CpuThreads.Team team() { return team; }

    /** Version, ISA and threading, for device properties. */
    public String description() { return description; }

    /** Primitive executions so far (for tests and reports). */
    public long executions() { return executions.get(); }

    /** Primitives created so far, cache misses included (for tests and reports). */
    public long primitivesCreated() { return created.get(); }

    /**
     * Runs the plan cached for {@code key} (creating it with {@code planner} on the first call)
     * under the lock. Returns false, having run nothing, when the planner found no way to run the
     * op with oneDNN; that answer is cached too, so later calls fall back at once.
     */
    <T extends Cached> boolean run(PrimitiveKey key, Planner<T> planner, Runner<T> runner) {
        lock.lock();
        try {
            Cached c = cache.get(key);
            if (c == null) {
                try (Build b = new Build(engine)) {
                    c = planner.plan(b);
                }
                if (c == null) c = NONE;
                else created.incrementAndGet();
                if (VERBOSE) System.err.println("triad onednn: " + key + " -> " + (c == NONE ? "not supported, Java kernel" : c));
                cache.put(key, c);
                evictIfFull();
            }
            if (c == NONE) return false;
            OpenMp.ensureThreads();
            @SuppressWarnings("unchecked") T plan = (T) c;
            runner.run(plan);
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("oneDNN call failed", t);
        } finally {
            lock.unlock();
        }
    }

    /** Binds {@code data} to the primitive's arguments in order and executes it; callers are inside {@link #run}. */
    void execute(DnnlPrimitive p, MemorySegment... data) throws Throwable {
        for (int i = 0; i < data.length; i++) p.bind(i, data[i]);
        p.execute(stream);
        executions.incrementAndGet();
    }

    /** Scratch for packed operands and staged results; callers are inside {@link #run}. */
    Staging staging() { return staging; }

    private void evictIfFull() {
        if (cache.size() <= CACHE_CAPACITY) return;
        Iterator<Map.Entry<PrimitiveKey, Cached>> it = cache.entrySet().iterator();
        Cached eldest = it.next().getValue();
        it.remove();
        eldest.destroy();
    }

    /** Destroys every cached primitive (the engine and stream live as long as the process). */
    public void clearCache() {
        lock.lock();
        try {
            for (Cached c : cache.values()) c.destroy();
            cache.clear();
            staging.clear();
        } finally {
            lock.unlock();
        }
    }
}
