package dev.triad.backend.cpu;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.backend.cpu.onednn.OneDnn;
import dev.triad.backend.cpu.onednn.OneDnnKernels;
import dev.triad.spi.error.BackendUnavailableException;

import java.util.Map;

/**
 * Finds the CPU backend. It runs wherever the JVM has the Vector API module
 * ({@code --add-modules jdk.incubator.vector}); its probe says how many threads and how wide
 * the vectors are. Priority 10: any available accelerator backend should rank higher.
 * Opening it loads oneDNN for matmul and convolution; where oneDNN cannot load, the backend
 * runs its Java kernels and its device properties say {@code onednn: unavailable (reason)}.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "cpu";

    @Override
    public String name() { return NAME; }

    @Override
    public int priority() { return 10; }

    @Override
    public Availability probe() {
        try {
            int bits = CpuInfo.simdBits();
            return Availability.available(CpuThreads.configuredThreads() + " threads, " + bits + "-bit SIMD ("
                    + CpuInfo.simdName(bits) + "), " + CpuInfo.model());
        } catch (LinkageError e) {
            return Availability.unavailable("the Vector API is missing: run the JVM with --add-modules jdk.incubator.vector (" + e + ")");
        } catch (Throwable t) {
            return Availability.unavailable("probe failed: " + t);
        }
    }

    @Override
    public Backend open() {
        Availability a = probe();
        if (!a.available()) throw new BackendUnavailableException("backend 'cpu' cannot run here: " + a.reason());
        KernelTable table = KernelTable.standard();
        CpuThreads threads = CpuThreads.shared();
        // oneDNN loads here, when the backend is chosen, never in the probe.
        OneDnn.LoadResult dnn = OneDnn.load(threads.threads());
        if (dnn.available()) {
            OneDnnKernels.install(table, dnn.runtime());
            // Java loops run on oneDNN's OpenMP threads: one set of threads on the cores.
            if (dnn.runtime().team() != null) threads.runOn(dnn.runtime().team());
        }
        return new CpuBackend(table, threads, Map.of("onednn", dnn.available() ? dnn.runtime().description() : dnn.description()));
    }
}
