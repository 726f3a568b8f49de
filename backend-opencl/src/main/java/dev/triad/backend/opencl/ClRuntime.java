package dev.triad.backend.opencl;

import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Programs;
import dev.triad.spi.types.DType;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * One device's OpenCL objects: context, in-order command queue, programs and kernels, and the
 * launch and transfer calls every kernel goes through. Launches are asynchronous: they are
 * enqueued and return at once, and the queue's order is what makes a kernel see its inputs'
 * final values. The host waits only where it needs a result: a download, the index-check flag
 * of gather/scatter (read through an event), or {@link #finish()}.
 *
 * <p>Kernel objects hold their arguments, so setting arguments and enqueueing happen under one
 * lock; all methods are thread-safe.
 */
public final class ClRuntime implements AutoCloseable {
    /** Work-items per group of the one-dimensional kernels. */
    private final long linearLocal;
    private final DeviceInfo info;
    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final EmitOptions options;
    private final ProgramCache programs;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final cl_mem errorFlag;
    private final ByteBuffer errorHost = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private volatile boolean closed;

    @SuppressWarnings("deprecation") // clCreateCommandQueue is the OpenCL 1.2 call; the 2.0 one is absent on 1.2 devices.
    ClRuntime(DeviceInfo info) {
        this.info = info;
        this.device = (cl_device_id) info.handle();
        int[] rc = Cl.status();
        this.context = CL.clCreateContext(null, 1, new cl_device_id[] {device}, null, null, rc);
        Cl.check("clCreateContext(" + info.name() + ")", rc[0]);
        this.queue = CL.clCreateCommandQueue(context, device, 0, rc);
        Cl.check("clCreateCommandQueue(" + info.name() + ")", rc[0]);
        this.options = EmitOptions.forDevice(info.fp64(), info.maxWorkGroup());
        this.programs = new ProgramCache(context, device, info.cacheIdentity() + "|" + OpenClDialect.INSTANCE.name(), ProgramCache.configuredDir(),
                ProgramCache.saveBinaries(info.platform()));
        this.linearLocal = Math.min(64, Long.highestOneBit(Math.max(1, info.maxWorkGroup())));
        this.errorFlag = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, 16, null, rc);
        Cl.check("clCreateBuffer(index flag)", rc[0]);
    }

    /** The device. */
    public DeviceInfo info() { return info; }

    /** The code-generation options for this device. */
    public EmitOptions options() { return options; }

    /** The context (for the allocator). */
    cl_context context() { return context; }

    /** The program cache. */
    ProgramCache programs() { return programs; }

    /** Build options: none, so the compiler keeps IEEE semantics (no fast-math). */
    static final String BUILD_OPTIONS = "";

    /** Kernel {@code name} of the program for {@code dtype} (null: the common program). */
    public synchronized cl_kernel kernel(DType dtype, String name) {
        String key = (dtype == null ? "common" : dtype.shortName()) + "/" + name;
        cl_kernel k = kernels.get(key);
        if (k != null) return k;
        ProgramSource src = dtype == null ? Programs.common(OpenClDialect.INSTANCE, options) : Programs.forDType(dtype, OpenClDialect.INSTANCE, options);
        return kernel(src, name, key);
    }

    /** Kernel {@code name} of a program generated elsewhere (fused kernels). */
    public synchronized cl_kernel kernel(ProgramSource src, String name) {
        return kernel(src, name, src.name() + "@" + Integer.toHexString(src.source().hashCode()) + "/" + name);
    }

    private cl_kernel kernel(ProgramSource src, String name, String key) {
        cl_kernel k = kernels.get(key);
        if (k != null) return k;
        if (!src.kernels().contains(name)) throw new IllegalStateException("program " + src.name() + " has no kernel " + name);
        cl_program p = programs.get(src.name(), src.source(), BUILD_OPTIONS);
        int[] rc = Cl.status();
        k = CL.clCreateKernel(p, name, rc);
        Cl.check("clCreateKernel(" + name + ")", rc[0]);
        kernels.put(key, k);
        return k;
    }

    /** Work-group size of one-dimensional launches. */
    public long linearLocal() { return linearLocal; }

    /**
     * Global size of a one-dimensional launch over {@code n} items: one work-item per item.
     * Every kernel would also be correct with fewer (they fall back to a grid-stride loop),
     * but the elementwise kernels are only vectorised by CPU runtimes (PoCL) when the grid
     * covers every item, and a small grid whose items stride through memory walks it
     * cache-unfriendly there.
     */
    public long linearGlobal(long n) { return roundUp(Math.max(n, 1), linearLocal); }

    /** Global size of a launch with one work-group per item, {@code local} wide. */
    public long groupsGlobal(long items, long local) { return Math.min(Math.max(items, 1), 4096) * local; }

    /** {@code n} rounded up to a multiple of {@code m}. */
    public static long roundUp(long n, long m) { return (n + m - 1) / m * m; }

    /**
     * Sets {@code args} and enqueues {@code k} without waiting. Arguments: {@code cl_mem},
     * {@code long[]} (a metadata struct by value), {@link Long} (a {@code tri_i64}) or
     * {@link Raw} (an element's bits).
     */
    public synchronized void launch(String op, cl_kernel k, String name, long[] global, long[] local, Object... args) {
        checkOpen();
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int rc;
            if (a instanceof cl_mem m) rc = CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
            else if (a instanceof long[] s) rc = CL.clSetKernelArg(k, i, 8L * s.length, Pointer.to(s));
            else if (a instanceof Long l) rc = CL.clSetKernelArg(k, i, 8, Pointer.to(new long[] {l}));
            else if (a instanceof Raw r) rc = r.set(k, i);
            else throw new IllegalArgumentException("unsupported kernel argument " + a);
            if (rc != CL.CL_SUCCESS) throw new OpenClException(op, "clSetKernelArg(" + name + ", " + i + ")", rc, null);
        }
        int rc = CL.clEnqueueNDRangeKernel(queue, k, global.length, null, global, local, 0, null, null);
        if (rc != CL.CL_SUCCESS) {
            throw new OpenClException(op, "clEnqueueNDRangeKernel(" + name + ", global " + java.util.Arrays.toString(global)
                    + ", local " + java.util.Arrays.toString(local) + ")", rc, null);
        }
    }

    /** Raw element bits passed by value: 1, 2, 4 or 8 bytes. */
    public record Raw(int bytes, long bits) {
        int set(cl_kernel k, int i) {
            return switch (bytes) {
                case 1 -> CL.clSetKernelArg(k, i, 1, Pointer.to(new byte[] {(byte) bits}));
                case 2 -> CL.clSetKernelArg(k, i, 2, Pointer.to(new short[] {(short) bits}));
                case 4 -> CL.clSetKernelArg(k, i, 4, Pointer.to(new int[] {(int) bits}));
                case 8 -> CL.clSetKernelArg(k, i, 8, Pointer.to(new long[] {bits}));
                default -> throw new IllegalArgumentException("no element of " + bytes + " bytes");
            };
        }
    }

    /** Copies {@code data} to {@code mem} at byte {@code offset}; returns when the host array may be reused. */
    public synchronized void write(cl_mem mem, long offset, byte[] data) {
        checkOpen();
        if (data.length == 0) return;
        Cl.check("clEnqueueWriteBuffer(" + data.length + " bytes)", CL.clEnqueueWriteBuffer(queue, mem, true, offset, data.length, Pointer.to(data), 0, null, null));
    }

    /** Reads {@code into.length} bytes at byte {@code offset} of {@code mem}, after all queued work. */
    public synchronized void read(cl_mem mem, long offset, byte[] into) {
        checkOpen();
        if (into.length == 0) return;
        Cl.check("clEnqueueReadBuffer(" + into.length + " bytes)", CL.clEnqueueReadBuffer(queue, mem, true, offset, into.length, Pointer.to(into), 0, null, null));
    }

    /** Clears the index-check flag before a checked launch. */
    public synchronized cl_mem resetIndexFlag() {
        Cl.check("clEnqueueFillBuffer(index flag)", CL.clEnqueueFillBuffer(queue, errorFlag, Pointer.to(new long[] {0}), 8, 0, 16, 0, null, null));
        return errorFlag;
    }

    /**
     * Reads the index-check flag after the checked kernel: the bad index, or null when every
     * index was in range. The read is enqueued with an event and waited for, so the host
     * blocks only until this command (and the work before it) is done.
     */
    public synchronized Long badIndex() {
        cl_event done = new cl_event();
        errorHost.clear();
        Cl.check("clEnqueueReadBuffer(index flag)", CL.clEnqueueReadBuffer(queue, errorFlag, false, 0, 16, Pointer.to(errorHost), 0, null, done));
        try {
            Cl.check("clWaitForEvents(index flag)", CL.clWaitForEvents(1, new cl_event[] {done}));
        } finally {
            Cl.check("clReleaseEvent(index flag)", CL.clReleaseEvent(done));
        }
        return errorHost.getLong(0) != 0 ? errorHost.getLong(8) : null;
    }

    /** Submits queued work without waiting. */
    public synchronized void flush() { Cl.check("clFlush", CL.clFlush(queue)); }

    /** Waits for all queued work. */
    public synchronized void finish() {
        if (closed) return;
        Cl.check("clFinish", CL.clFinish(queue));
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the OpenCL backend on " + info.name() + " was closed");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // Release everything even when a call fails, then report the first failure.
        OpenClException failure = Cl.collect(null, "clFinish", CL.clFinish(queue));
        for (cl_kernel k : kernels.values()) failure = Cl.collect(failure, "clReleaseKernel", CL.clReleaseKernel(k));
        kernels.clear();
        try {
            programs.close();
        } catch (OpenClException e) {
            failure = failure == null ? e : failure;
        }
        failure = Cl.collect(failure, "clReleaseMemObject(index flag)", CL.clReleaseMemObject(errorFlag));
        failure = Cl.collect(failure, "clReleaseCommandQueue", CL.clReleaseCommandQueue(queue));
        failure = Cl.collect(failure, "clReleaseContext", CL.clReleaseContext(context));
        if (failure != null) throw failure;
    }
}
