package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemFree;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemsetD8Async;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import dev.triad.codegen.c.CudaDialect;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Programs;
import dev.triad.spi.types.DType;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's CUDA objects: its primary context, one stream that orders every launch and copy
 * of the backend, the module cache, and the calls every kernel goes through. Launches are
 * asynchronous; the host waits only for a download, the index-check flag of gather/scatter,
 * or {@link #synchronize()}.
 *
 * <p>The driver's current context is per thread, so every entry point makes it current first
 * ({@link #bind()}, cheap). Every status is checked; a sticky error (illegal address, launch
 * failure, ...) marks the runtime lost, and every later call throws
 * {@link DeviceLostException} without touching the driver. All methods are thread-safe.
 */
public final class CudaRuntime implements AutoCloseable, CudaAllocator.RawMemory {
    /** Code-generation options: 16x16 GEMM blocks of 4x4 results, 256-thread reductions. */
    static final EmitOptions OPTIONS = new EmitOptions(true, 16, 4, 16, 256);

    private final DeviceInfo info;
    private final int device;
    private final CUctx_st context = new CUctx_st();
    private final CUstream_st stream = new CUstream_st();
    private final ModuleCache modules;
    private final Map<String, CUfunc_st> kernels = new HashMap<>();
    private final PinnedStaging staging = new PinnedStaging();
    private final long indexFlag;
    private volatile String lost;
    private volatile boolean closed;

    CudaRuntime(DeviceInfo info) {
        this.info = info;
        int[] dev = new int[1];
        Cu.check("cuDeviceGet(" + info.index() + ")", org.bytedeco.cuda.global.cudart.cuDeviceGet(dev, info.index()));
        this.device = dev[0];
        Cu.check("cuDevicePrimaryCtxRetain(" + info.name() + ")", cuDevicePrimaryCtxRetain(context, device));
        Cu.check("cuCtxSetCurrent", cuCtxSetCurrent(context));
        Cu.check("cuStreamCreate", cuStreamCreate(stream, CU_STREAM_NON_BLOCKING));
        ArchChoice arch = ArchChoice.of(info.major(), info.minor(), Nvrtc.supportedArchs());
        this.modules = new ModuleCache(new ModuleStore(ModuleStore.configuredDir()), arch, CudaDialect.COMPILE_OPTIONS, "nvrtc-" + Nvrtc.version());
        long[] p = new long[1];
        Cu.check("cuMemAlloc(index flag)", cuMemAlloc(p, 16));
        this.indexFlag = p[0];
    }

    /** The device. */
    public DeviceInfo info() { return info; }

    /** The code-generation options. */
    public EmitOptions options() { return OPTIONS; }

    /** What modules are compiled for. */
    public ArchChoice arch() { return modules.arch(); }

    /** The stream (for cuBLAS and cuDNN). */
    CUstream_st stream() { return stream; }

    /** Makes the context current on this thread; throws when the device was lost or closed. */
    void bind() {
        if (closed) throw new IllegalStateException("the CUDA backend on " + info.name() + " was closed");
        String why = lost;
        if (why != null) throw new DeviceLostException(null, "earlier " + why, 0);
        check("cuCtxSetCurrent", cuCtxSetCurrent(context));
    }

    /** Checks a driver status, marking the device lost on a sticky error. */
    void check(String call, int rc) {
        try {
            Cu.check(call, rc);
        } catch (DeviceLostException e) {
            lost = call + ": " + e.codeName();
            throw e;
        }
    }

    /** Checks a cuBLAS or cuDNN status the same way (their execution failures may come from a lost device). */
    void check(CudaErrors.Library lib, String call, int rc) {
        if (lib == CudaErrors.Library.DRIVER) check(call, rc);
        else Cu.check(lib, call, rc);
    }

    /** Kernel {@code name} of the program for {@code dtype} (null: the common program). */
    public synchronized CUfunc_st kernel(DType dtype, String name) {
        String key = (dtype == null ? "common" : dtype.shortName()) + "/" + name;
        CUfunc_st k = kernels.get(key);
        if (k != null) return k;
        ProgramSource src = dtype == null ? Programs.common(CudaDialect.INSTANCE, OPTIONS) : Programs.forDType(dtype, CudaDialect.INSTANCE, OPTIONS);
        return kernel(src, name, key);
    }

    /** Kernel {@code name} of a program generated elsewhere (fused kernels). */
    public synchronized CUfunc_st kernel(ProgramSource src, String name) {
        return kernel(src, name, src.name() + "@" + Integer.toHexString(src.source().hashCode()) + "/" + name);
    }

    private CUfunc_st kernel(ProgramSource src, String name, String key) {
        CUfunc_st k = kernels.get(key);
        if (k != null) return k;
        if (!src.kernels().contains(name)) throw new IllegalStateException("program " + src.name() + " has no kernel " + name);
        bind();
        CUmod_st m = modules.get(src.name(), src.source());
        k = new CUfunc_st();
        check("cuModuleGetFunction(" + name + ")", cuModuleGetFunction(k, m, name));
        kernels.put(key, k);
        return k;
    }

    /** Launches {@code k} without waiting; arguments as {@link KernelArgs} accepts them. */
    public synchronized void launch(String op, CUfunc_st k, String name, LaunchConfig cfg, Object... args) {
        bind();
        List<byte[]> blocks = KernelArgs.pack(args);
        BytePointer[] natives = new BytePointer[blocks.size()];
        try (PointerPointer<BytePointer> params = new PointerPointer<>(Math.max(1, blocks.size()))) {
            for (int i = 0; i < natives.length; i++) {
                natives[i] = new BytePointer(blocks.get(i));
                params.put(i, natives[i]);
            }
            long[] g = cfg.grid(), b = cfg.block();
            int rc = cuLaunchKernel(k, (int) g[0], (int) g[1], (int) g[2], (int) b[0], (int) b[1], (int) b[2], 0, stream, params, (PointerPointer<?>) null);
            if (rc != 0) {
                check("cuLaunchKernel(" + name + ", grid " + Arrays.toString(g) + ", block " + Arrays.toString(b) + ", args " + KernelArgs.describe(args) + ")", rc);
            }
        } catch (CudaException e) {
            throw e.withOp(op);
        } finally {
            // cuLaunchKernel copies the parameters before it returns.
            for (BytePointer p : natives) if (p != null) p.close();
        }
    }

    /** A grid-stride launch of {@code kernel} from the program of {@code program} over {@code n} items. */
    public void linear(String op, DType program, String kernel, long n, Object... args) {
        if (n <= 0) return;
        launch(op, kernel(program, kernel), kernel, LaunchConfig.linear(n, info.multiprocessors()), args);
    }

    /** Allocates device memory; out of memory is a {@link CudaException} the caching allocator retries on. */
    @Override
    public synchronized long allocate(long bytes) {
        bind();
        long[] p = new long[1];
        check("cuMemAlloc(" + bytes + " bytes)", cuMemAlloc(p, Math.max(bytes, 1)));
        return p[0];
    }

    /** Frees device memory after the work queued so far (which may still use it) has finished. */
    @Override
    public synchronized void free(long ptr) {
        if (closed || lost != null) return; // the context goes (or is unusable) anyway
        bind();
        check("cuStreamSynchronize", cuStreamSynchronize(stream));
        check("cuMemFree", cuMemFree(ptr));
    }

    /**
     * Copies {@code data} to device address {@code dst} through the double-buffered pinned
     * staging; returns when the array may be reused (the last chunks may still be in flight,
     * ordered on the stream before any later work).
     */
    public synchronized void write(long dst, byte[] data) {
        bind();
        staging.upload(dst, data, stream, this::check);
    }

    /** Reads {@code into.length} bytes from device address {@code src}, after all queued work. */
    public synchronized void read(long src, byte[] into) {
        bind();
        staging.download(src, into, stream, this::check);
    }

    /** Clears the index-check flag before a checked launch and returns it. */
    public synchronized KernelArgs.DevicePtr resetIndexFlag() {
        bind();
        check("cuMemsetD8Async(index flag)", cuMemsetD8Async(indexFlag, (byte) 0, 16, stream));
        return new KernelArgs.DevicePtr(indexFlag);
    }

    /** The bad index the last checked kernel saw, or null when all were in range (waits for it). */
    public synchronized Long badIndex() {
        byte[] b = new byte[16];
        read(indexFlag, b);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return bb.getLong(0) != 0 ? bb.getLong(8) : null;
    }

    /** Waits for all queued work; a kernel's asynchronous fault surfaces here. */
    public synchronized void synchronize() {
        if (closed) return;
        bind();
        check("cuStreamSynchronize", cuStreamSynchronize(stream));
    }

    /** Compile statistics: modules from memory, from disk, compiled. */
    public String moduleStats() {
        return modules.memoryHits() + " from memory, " + modules.diskHits() + " from disk, " + modules.compiles() + " compiled";
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        try {
            if (lost == null) {
                cuCtxSetCurrent(context);
                cuStreamSynchronize(stream);
                modules.close();
                cuMemFree(indexFlag);
                staging.close();
                cuStreamDestroy(stream);
            }
        } finally {
            closed = true;
            kernels.clear();
            cuDevicePrimaryCtxRelease(device);
        }
    }
}
