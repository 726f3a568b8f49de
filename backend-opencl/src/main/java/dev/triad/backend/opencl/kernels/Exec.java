package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.ClRuntime;
import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.runtime.Launcher;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.types.DType;
import org.jocl.cl_mem;

/**
 * The OpenCL side of the shared kernel table ({@link Launcher}): {@code cl_mem} buffers and
 * by-value scalars as kernel arguments, NDRange sizes for each kind of generated kernel, the
 * index-check flag, and the device's fp64 rule.
 *
 * @param rt the device runtime
 * @param backend the backend the arrays belong to
 */
public record Exec(ClRuntime rt, Backend backend) implements Launcher {
    /** Below this many outputs, a long reduction gets a work-group per output. */
    static final long MANY_OUTPUTS = 256;
    /** Reductions at least this long are worth a work-group. */
    static final long LONG_REDUCTION = 128;
    /** Most batch work-groups launched side by side; the GEMM kernel loops over the rest. */
    static final long MAX_Z = 65535;

    /** The device. */
    public DeviceInfo device() { return rt.info(); }

    /** The {@code cl_mem} holding {@code a}. */
    public static cl_mem mem(DeviceArray a) { return (cl_mem) a.buffer().handle(); }

    /**
     * Whether an op that computes in {@code dtype} runs on {@code device}: every dtype, F64 only
     * with fp64 (ops that only move raw bits run for every dtype).
     */
    public static Support standard(DType dtype, DeviceInfo device) {
        if (dtype == DType.F64 && !device.fp64()) return Support.no("the device " + device.name() + " has no fp64 (cl_khr_fp64)");
        return Support.YES;
    }

    @Override
    public Object bufferArg(DeviceArray a) { return mem(a); }

    @Override
    public Object scalarArg(int bytes, long bits) { return new ClRuntime.Raw(bytes, bits); }

    /** Throws when the device cannot compute in {@code t} (F64 without fp64). */
    @Override
    public void requireDType(String op, DType t) {
        if (t == DType.F64 && !device().fp64()) {
            throw new UnsupportedOpException(op, "backend 'opencl' cannot produce f64 on " + device().name() + ": the device has no fp64 (cl_khr_fp64)");
        }
    }

    /** Enqueues a one-dimensional kernel with a work-item per item ({@code n} of them); nothing when {@code n} is 0. */
    @Override
    public void linear(String op, DType program, String kernel, long n, Object... args) {
        if (n <= 0) return;
        rt.launch(op, rt.kernel(program, kernel), kernel, new long[] {rt.linearGlobal(n)}, new long[] {rt.linearLocal()}, args);
    }

    @Override
    public void linearProgram(String op, ProgramSource program, String kernel, long n, Object... args) {
        if (n <= 0) return;
        rt.launch(op, rt.kernel(program, kernel), kernel, new long[] {rt.linearGlobal(n)}, new long[] {rt.linearLocal()}, args);
    }

    @Override
    public void prepare(ProgramSource program) {
        for (String k : program.kernels()) rt.kernel(program, k);
    }

    @Override
    public boolean serialReduction(long outputs, long length) { return outputs >= MANY_OUTPUTS || length < LONG_REDUCTION; }

    @Override
    public void perOutput(String op, DType program, String kernel, long outputs, Object... args) {
        long local = rt.options().reduceLocal();
        rt.launch(op, rt.kernel(program, kernel), kernel, new long[] {rt.groupsGlobal(outputs, local)}, new long[] {local}, args);
    }

    @Override
    public void gemm(String op, DType program, String kernel, long m, long n, long batches, Object... args) {
        EmitOptions o = rt.options();
        long bs = o.gemmBlock(), tile = o.gemmTile();
        long[] global = {(n + tile - 1) / tile * bs, (m + tile - 1) / tile * bs, Math.min(batches, MAX_Z)};
        rt.launch(op, rt.kernel(program, kernel), kernel, global, new long[] {bs, bs, 1}, args);
    }

    @Override
    public Object resetIndexFlag() { return rt.resetIndexFlag(); }

    @Override
    public Long badIndex() { return rt.badIndex(); }
}
