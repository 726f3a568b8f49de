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
 *   <li>libgomp's default wait policy lets idle team threads spin for a long while (300,000
 *       pause loops) after each parallel region, stealing the cores the Java workers need next
 *       (a peer measured a 25x slowdown). Sleeping at once ({@code OMP_WAIT_POLICY=PASSIVE})
 *       avoids that but pays a futex wake-up at the start of every oneDNN call, which in a
 *       training step of a dozen calls a millisecond apart cost about a fifth of the step
 *       (MLP 784-256-10: 1.07-1.21 ms passive against 0.85-0.90 ms with a bounded spin, two
 *       runs each, quiet machine). So Triad bounds the spin instead: {@code
 *       OMP_WAIT_POLICY=ACTIVE} with {@code GOMP_SPINCOUNT=10000}, a few microseconds, long
 *       enough to bridge the gap between consecutive calls and too short to starve a Java
 *       worker. libgomp reads both only when it loads, so the launcher, surefire and the JMH
 *       forks export them; when the user set neither, {@link #preferBoundedSpin()} sets them
 *       in the process environment before the library loads (a user's own choice always
 *       wins).</li>
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
    /** The bounded spin Triad asks for: about ten microseconds of pause loops. */
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
            SymbolLookup libc = LINKER.defaultLookup();
            MethodHandle getenv = LINKER.downcallHandle(libc.find("getenv").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
            MethodHandle setenv = LINKER.downcallHandle(libc.find("setenv").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            try (Arena a = Arena.ofConfined()) {
                MemorySegment policyName = a.allocateFrom(WAIT_POLICY), spinName = a.allocateFrom(SPIN_COUNT);
                MemorySegment policy = (MemorySegment) getenv.invokeExact(policyName);
                MemorySegment spin = (MemorySegment) getenv.invokeExact(spinName);
                if (!policy.equals(MemorySegment.NULL) || !spin.equals(MemorySegment.NULL)) {
                    String p = policy.equals(MemorySegment.NULL) ? "default" : policy.reinterpret(64).getString(0);
                    String c = spin.equals(MemorySegment.NULL) ? "" : ", " + SPIN_COUNT + " " + spin.reinterpret(64).getString(0);
                    return p + c + " (environment)";
                }
                int rc = (int) setenv.invokeExact(policyName, a.allocateFrom("ACTIVE"), 0);
                rc |= (int) setenv.invokeExact(spinName, a.allocateFrom(TRIAD_SPIN), 0);
                return rc == 0 ? "ACTIVE, " + SPIN_COUNT + " " + TRIAD_SPIN + " (set by triad before libgomp loaded)"
                        : "default (setenv failed; export OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=" + TRIAD_SPIN + ")";
            }
        } catch (Throwable t) {
            return "unknown (" + t + "; export OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=" + TRIAD_SPIN + ")";
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
