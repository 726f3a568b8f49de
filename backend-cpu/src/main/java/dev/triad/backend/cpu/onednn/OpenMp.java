package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The OpenMP runtime (the {@code libgomp} bundled with the dnnl preset) that oneDNN's threads
 * belong to, kept from competing with the Java worker pool on a machine with few cores:
 * <ul>
 *   <li>libgomp's default wait policy lets idle team threads spin for a long while (300,000
 *       pause loops) after each parallel region, stealing the cores the Java workers need next
 *       (a peer measured a 25x slowdown). Sleeping at once ({@code OMP_WAIT_POLICY=PASSIVE})
 *       avoids that but pays a futex wake-up at the start of every oneDNN call, which in a
 *       training step of a dozen calls a millisecond apart cost about a fifth of the step
 *       (MLP 784-256-10: 1.07-1.21 ms passive against 0.85-0.90 ms with a bounded spin, two
 *       runs each, quiet machine). So Triad bounds the spin instead: {@code
 *       OMP_WAIT_POLICY=ACTIVE} with {@code GOMP_SPINCOUNT=10000} pause loops (from about ten
 *       microseconds to a couple of hundred, by how long the CPU's PAUSE takes), long enough
 *       to bridge the gap between consecutive calls in a step. libgomp reads both only when it loads, so the launcher, surefire and the JMH
 *       forks export them; when the user set neither, {@link #preferBoundedSpin()} sets them
 *       in the process environment before the library loads (a user's own choice always
 *       wins). The CPU backend's Java loops run on the same team ({@link OpenMpTeam}), so the
 *       thread left spinning is the one that takes the next Java loop's part, not a rival of a
 *       Java worker.</li>
 *   <li>Threads are not bound by default. Both Triad's and libtorch's MLP steps switch, for
 *       seconds at a time, between a fast mode (0.60-0.65 ms for Triad) and a slow one
 *       (0.8-0.95 ms) on this two-vCPU machine; single-threaded runs never do. Binding
 *       ({@code OMP_PROC_BIND=true OMP_PLACES=cores}) did not prevent it in an interleaved
 *       A/B (bound: 3 of 4 runs fast, unbound: 4 of 4), nor did pinning the calling thread,
 *       an endless spin or keeping Java kernels off the second core, so the cause lies
 *       outside the process (where the host runs the two vCPUs). A user may bind; libgomp
 *       then pins the thread that loaded it to the first core, which every thread that
 *       thread starts later would inherit, so {@link #affinity()}/{@link #restoreAffinity}
 *       give the loading Java thread its own mask back ({@link #binding()} says what was
 *       asked for).</li>
 *   <li>The team size follows {@link dev.triad.backend.cpu.CpuThreads}: libgomp keeps the
 *       thread count per calling thread, so {@link #ensureThreads} sets it once on each Java
 *       thread that calls oneDNN.</li>
 * </ul>
 */
final class OpenMp {
    private OpenMp() {}

    /** The variable that picks libgomp's wait policy; read at load time. */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /** The variable that bounds how long an ACTIVE thread spins before sleeping; read at load time. */
    static final String SPIN_COUNT = "GOMP_SPINCOUNT";
    /** The bounded spin Triad asks for, in pause loops. */
    static final String TRIAD_SPIN = "10000";

    private static final Linker LINKER = Linker.nativeLinker();
    private static MethodHandle setNumThreads;
    private static final ThreadLocal<boolean[]> SIZED = ThreadLocal.withInitial(() -> new boolean[1]);
    private static int threads = 1;

    /**
     * Sets {@code OMP_WAIT_POLICY=ACTIVE} and {@code GOMP_SPINCOUNT=10000} in the native
     * environment unless the user set either; must run before libgomp loads. Returns how the
     * policy was decided, for the device properties, e.g. {@code ACTIVE, GOMP_SPINCOUNT 10000
     * (environment)}.
     */
    static String preferBoundedSpin() {
        try {
            String[] user = NativeEnv.getAll(WAIT_POLICY, SPIN_COUNT);
            if (user[0] != null || user[1] != null) {
                return (user[0] == null ? "default" : user[0]) + (user[1] == null ? "" : ", " + SPIN_COUNT + " " + user[1]) + " (environment)";
            }
            return NativeEnv.set(WAIT_POLICY, "ACTIVE", SPIN_COUNT, TRIAD_SPIN)
                    ? "ACTIVE, " + SPIN_COUNT + " " + TRIAD_SPIN + " (set by triad before libgomp loaded)"
                    : "default (setenv failed; export OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=" + TRIAD_SPIN + ")";
        } catch (Throwable t) {
            return "unknown (" + t + "; export OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=" + TRIAD_SPIN + ")";
        }
    }

    /** The variables that bind libgomp's threads to places (the user's choice); read at load time. */
    static final String PROC_BIND = "OMP_PROC_BIND", PLACES = "OMP_PLACES";
    /** Bytes of a {@code cpu_set_t} (glibc's, 1024 CPUs). */
    private static final long CPU_SET_BYTES = 128;

    /** How the user asked libgomp to bind its threads ({@code OMP_PROC_BIND}, {@code OMP_PLACES}), for the device properties. */
    static String binding() {
        try {
            String[] user = NativeEnv.getAll(PROC_BIND, PLACES);
            if (user[0] == null && user[1] == null) return "threads unbound";
            return "threads bound as the environment says (" + (user[0] == null ? "" : PROC_BIND + "=" + user[0])
                    + (user[0] != null && user[1] != null ? " " : "") + (user[1] == null ? "" : PLACES + "=" + user[1]) + ")";
        } catch (Throwable t) {
            return "thread binding unknown (" + t + ")";
        }
    }

    /** The C library's {@code getenv} and {@code setenv}: libgomp reads the process environment, not Java's copy. */
    private static final class NativeEnv {
        private static final MethodHandle GETENV = LINKER.downcallHandle(LINKER.defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        private static final MethodHandle SETENV = LINKER.downcallHandle(LINKER.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

        /** The values of {@code names} (null where unset). */
        static String[] getAll(String... names) throws Throwable {
            String[] out = new String[names.length];
            try (Arena a = Arena.ofConfined()) {
                for (int i = 0; i < names.length; i++) {
                    MemorySegment v = (MemorySegment) GETENV.invokeExact(a.allocateFrom(names[i]));
                    out[i] = v.equals(MemorySegment.NULL) ? null : v.reinterpret(256).getString(0);
                }
            }
            return out;
        }

        /** Sets name/value pairs, keeping a value already there; true when every setenv succeeded. */
        static boolean set(String... namesAndValues) throws Throwable {
            int rc = 0;
            try (Arena a = Arena.ofConfined()) {
                for (int i = 0; i < namesAndValues.length; i += 2) {
                    rc |= (int) SETENV.invokeExact(a.allocateFrom(namesAndValues[i]), a.allocateFrom(namesAndValues[i + 1]), 0);
                }
            }
            return rc == 0;
        }
    }

    /** The calling thread's CPU affinity mask (Linux), or null where it cannot be read. */
    static MemorySegment affinity() {
        try {
            MethodHandle get = LINKER.downcallHandle(LINKER.defaultLookup().find("sched_getaffinity").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, java.lang.foreign.ValueLayout.JAVA_LONG, ADDRESS));
            MemorySegment mask = Arena.ofAuto().allocate(CPU_SET_BYTES, 8);
            return (int) get.invokeExact(0, CPU_SET_BYTES, mask) == 0 ? mask : null;
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Gives the calling thread the affinity {@code mask} (from {@link #affinity()}) again;
     * returns whether it could. Nothing happens for a null mask.
     */
    static boolean restoreAffinity(MemorySegment mask) {
        if (mask == null) return false;
        try {
            MethodHandle set = LINKER.downcallHandle(LINKER.defaultLookup().find("sched_setaffinity").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, java.lang.foreign.ValueLayout.JAVA_LONG, ADDRESS));
            return (int) set.invokeExact(0, CPU_SET_BYTES, mask) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Binds {@code omp_set_num_threads} from the loaded libgomp and remembers the team size to use. */
    static void bind(SymbolLookup gomp, int teamSize) {
        setNumThreads = LINKER.downcallHandle(gomp.find("omp_set_num_threads").orElseThrow(
                () -> new UnsatisfiedLinkError("libgomp has no omp_set_num_threads")), FunctionDescriptor.ofVoid(JAVA_INT));
        threads = teamSize;
    }

    /** Sizes the calling thread's OpenMP team, once per thread. */
    static void ensureThreads() {
        boolean[] sized = SIZED.get();
        if (sized[0] || setNumThreads == null) return;
        try {
            setNumThreads.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("omp_set_num_threads failed", t);
        }
        sized[0] = true;
    }

    /** The team size oneDNN runs with. */
    static int threads() { return threads; }
}
