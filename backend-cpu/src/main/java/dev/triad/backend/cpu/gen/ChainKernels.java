package dev.triad.backend.cpu.gen;

import dev.triad.spi.error.TriadException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generated kernels, one per {@link ChainSignature}, made on first use and kept for the
 * life of the process (a signature is small, and the set a program uses is bounded by its
 * graphs). Each is a hidden class in this package, defined through this class's lookup, so it
 * can be unloaded with its loader and never clashes with another's name.
 */
public final class ChainKernels {
    private ChainKernels() {}

    /** Instances of the generated classes: {@link ChainKernel} or {@link ChainReducer} by the signature's reduction. */
    private static final ConcurrentHashMap<ChainSignature, Object> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger DEFINED = new AtomicInteger();

    /** The kernel of the elementwise chain {@code sig}, generated and defined on first request. */
    public static ChainKernel of(ChainSignature sig) {
        if (sig.reduction() != ChainSignature.Reduction.NONE) throw new IllegalArgumentException("a reducing chain has a reducer, not a kernel: " + sig);
        return (ChainKernel) instance(sig);
    }

    /** The reducer of the reducing chain {@code sig}, generated and defined on first request. */
    public static ChainReducer reducer(ChainSignature sig) {
        if (sig.reduction() == ChainSignature.Reduction.NONE) throw new IllegalArgumentException("an elementwise chain has a kernel, not a reducer: " + sig);
        return (ChainReducer) instance(sig);
    }

    private static Object instance(ChainSignature sig) {
        Object k = CACHE.get(sig);
        return k != null ? k : CACHE.computeIfAbsent(sig, ChainKernels::define);
    }

    /** The signatures generated so far, for tests and diagnostics. */
    public static java.util.Set<ChainSignature> signatures() { return java.util.Set.copyOf(CACHE.keySet()); }

    /** How many classes have been generated so far (for tests: a signature seen twice is generated once). */
    public static int defined() { return DEFINED.get(); }

    private static Object define(ChainSignature sig) {
        String name = ChainKernels.class.getPackageName() + ".Chain" + sig.steps().size() + sig.lane()
                + (sig.reduction() == ChainSignature.Reduction.NONE ? "" : sig.reduction().name());
        byte[] bytes = ChainEmitter.emit(sig, name);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            Object kernel = lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            DEFINED.incrementAndGet();
            return kernel;
        } catch (Throwable t) {
            // A class the verifier rejects is a bug in the emitter: say which chain it was.
            throw new TriadException("fused " + sig, "the CPU backend could not define the generated kernel: " + t, t);
        }
    }
}
