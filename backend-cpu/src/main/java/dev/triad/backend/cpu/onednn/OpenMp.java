package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The OpenMP runtime (the {@code libgomp} bundled with the dnnl preset) that oneDNN's threads
 * belong to, kept from competing with the Java worker pool on a machine with few cores:
 * <ul>
 *   <li>libgomp's default wait policy lets idle team threads spin for a while after each
 *       parallel region, stealing the cores the Java workers need next (a peer measured a 25x
 *       slowdown). {@code OMP_WAIT_POLICY=PASSIVE} makes them sleep at once. libgomp reads it
 *       only when it loads, so the launcher, surefire and the JMH forks export it; when it is
 *       missing, {@link #preferPassiveWaiting()} sets it in the process environment before the
 *       library loads (never overriding a value the user chose).</li>
 *   <li>The team size follows {@link dev.triad.backend.cpu.CpuThreads}: libgomp keeps the
 *       thread count per calling thread, so {@link #ensureThreads} sets it once on each Java
 *       thread that calls oneDNN.</li>
 * </ul>
 */
final class OpenMp {
    private OpenMp() {}

    /** The variable libgomp reads at load time. */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private static final Linker LINKER = Linker.nativeLinker();
    private static MethodHandle setNumThreads;
    private static final ThreadLocal<boolean[]> SIZED = ThreadLocal.withInitial(() -> new boolean[1]);
    private static int threads = 1;

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the native environment unless it is already set;
     * must run before libgomp loads. Returns how the policy was decided, for the device
     * properties, e.g. {@code PASSIVE (environment)} or {@code PASSIVE (set by triad)}.
     */
    static String preferPassiveWaiting() {
        try {
            SymbolLookup libc = LINKER.defaultLookup();
            MethodHandle getenv = LINKER.downcallHandle(libc.find("getenv").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
            MethodHandle setenv = LINKER.downcallHandle(libc.find("setenv").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            try (Arena a = Arena.ofConfined()) {
                MemorySegment name = a.allocateFrom(WAIT_POLICY);
                MemorySegment value = (MemorySegment) getenv.invokeExact(name);
                if (!value.equals(MemorySegment.NULL)) return value.reinterpret(64).getString(0) + " (environment)";
                int rc = (int) setenv.invokeExact(name, a.allocateFrom("PASSIVE"), 0);
                return rc == 0 ? "PASSIVE (set by triad before libgomp loaded)" : "default (setenv failed; export OMP_WAIT_POLICY=PASSIVE)";
            }
        } catch (Throwable t) {
            return "unknown (" + t + "; export OMP_WAIT_POLICY=PASSIVE)";
        }
    }

    /** Binds {@code omp_set_num_threads} from the loaded libgomp and remembers the team size to use. */
    static void bind(Path libgomp, int teamSize) {
        SymbolLookup gomp = SymbolLookup.libraryLookup(libgomp, Arena.global());
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
