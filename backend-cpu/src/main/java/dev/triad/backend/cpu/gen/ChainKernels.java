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

    private static final ConcurrentHashMap<ChainSignature, ChainKernel> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger DEFINED = new AtomicInteger();

    /** The kernel of {@code sig}, generated and defined on first request. */
    public static ChainKernel of(ChainSignature sig) {
        ChainKernel k = CACHE.get(sig);
        return k != null ? k : CACHE.computeIfAbsent(sig, ChainKernels::define);
    }

    /** How many classes have been generated so far (for tests: a signature seen twice is generated once). */
    public static int defined() { return DEFINED.get(); }

    private static ChainKernel define(ChainSignature sig) {
        String name = ChainKernels.class.getPackageName() + ".Chain" + sig.steps().size() + sig.lane();
        byte[] bytes = ChainEmitter.emit(sig, name);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            ChainKernel kernel = (ChainKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            DEFINED.incrementAndGet();
            return kernel;
        } catch (Throwable t) {
            // A class the verifier rejects is a bug in the emitter: say which chain it was.
            throw new TriadException("fused " + sig, "the CPU backend could not define the generated kernel: " + t, t);
        }
    }
}
