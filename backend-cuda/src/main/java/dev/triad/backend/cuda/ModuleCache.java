package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loaded modules, keyed by {@link ModuleStore#key}: in memory for the backend's lifetime, and
 * on disk as the compiled image, so a second JVM loads the image instead of running NVRTC. An
 * image the driver rejects is deleted and the source compiled again.
 */
final class ModuleCache implements AutoCloseable {
    private final ModuleStore store;
    private final ArchChoice arch;
    private final List<String> options;
    private final String compilerVersion;
    private final Map<String, CUmod_st> memory = new HashMap<>();
    private final AtomicLong memoryHits = new AtomicLong(), diskHits = new AtomicLong(), compiles = new AtomicLong();

    ModuleCache(ModuleStore store, ArchChoice arch, List<String> options, String compilerVersion) {
        this.store = store;
        this.arch = arch;
        this.options = List.copyOf(options);
        this.compilerVersion = compilerVersion;
    }

    /** The architecture modules are compiled for. */
    ArchChoice arch() { return arch; }

    /** The loaded module for {@code source} (named {@code name} in errors); the context must be current. */
    synchronized CUmod_st get(String name, String source) {
        String key = ModuleStore.key(source, options, arch, compilerVersion);
        CUmod_st m = memory.get(key);
        if (m != null) {
            memoryHits.incrementAndGet();
            return m;
        }
        byte[] cached = store.read(key, arch);
        if (cached != null) {
            m = load(cached);
            if (m != null) diskHits.incrementAndGet();
            else store.delete(key, arch);
        }
        if (m == null) {
            byte[] image = Nvrtc.compile(name, source, options, arch);
            compiles.incrementAndGet();
            m = load(image);
            if (m == null) {
                // Loading a fresh image failed: ask again, this time keeping the status for the error.
                CUmod_st mod = new CUmod_st();
                try (BytePointer p = new BytePointer(image)) {
                    Cu.check("cuModuleLoadData(" + name + ", " + arch.describe() + ")", cuModuleLoadData(mod, p));
                }
                m = mod;
            }
            store.write(key, arch, image);
        }
        memory.put(key, m);
        return m;
    }

    private static CUmod_st load(byte[] image) {
        CUmod_st mod = new CUmod_st();
        try (BytePointer p = new BytePointer(image)) {
            int rc = cuModuleLoadData(mod, p);
            if (CudaErrors.isSticky(CudaErrors.Library.DRIVER, rc)) Cu.check("cuModuleLoadData", rc);
            return rc == 0 ? mod : null;
        }
    }

    long memoryHits() { return memoryHits.get(); }

    long diskHits() { return diskHits.get(); }

    long compiles() { return compiles.get(); }

    @Override
    public synchronized void close() {
        for (CUmod_st m : memory.values()) cuModuleUnload(m);
        memory.clear();
    }
}
