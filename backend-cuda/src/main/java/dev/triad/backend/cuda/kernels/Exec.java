package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.CudaRuntime;
import dev.triad.backend.cuda.KernelArgs;
import dev.triad.backend.cuda.LaunchConfig;
import dev.triad.backend.cuda.Libraries;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.runtime.Launcher;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.types.DType;

/**
 * The CUDA side of the shared kernel table ({@link Launcher}): device pointers and by-value
 * scalars as kernel arguments, CUDA grid sizes for each kind of generated kernel, the
 * index-check flag, and the vendor libraries for the ops that use them ({@link LibraryOps}).
 *
 * @param rt the device runtime
 * @param backend the backend the arrays belong to
 * @param libs cuBLAS and cuDNN, when they loaded
 */
public record Exec(CudaRuntime rt, Backend backend, Libraries libs) implements Launcher {
    /** From this many outputs on, a thread per output keeps the GPU busy. */
    static final long MANY_OUTPUTS = 4096;
    /** Reductions at least this long are worth a block. */
    static final long LONG_REDUCTION = 256;

    /** The device pointer of {@code a}'s buffer (its element offset not applied). */
    public static KernelArgs.DevicePtr mem(DeviceArray a) { return (KernelArgs.DevicePtr) a.buffer().handle(); }

    /** The device address of {@code a}'s first element. */
    public static long address(DeviceArray a) { return mem(a).address() + a.offset() * a.dtype().byteSize(); }

    @Override
    public Object bufferArg(DeviceArray a) { return mem(a); }

    @Override
    public Object scalarArg(int bytes, long bits) { return new KernelArgs.Raw(bytes, bits); }

    @Override
    public void linear(String op, DType program, String kernel, long n, Object... args) { rt.linear(op, program, kernel, n, args); }

    @Override
    public void linearProgram(String op, ProgramSource program, String kernel, long n, Object... args) {
        if (n <= 0) return;
        rt.launch(op, rt.kernel(program, kernel), kernel, LaunchConfig.linear(n, rt.info().multiprocessors()), args);
    }

    @Override
    public void prepare(ProgramSource program) {
        for (String k : program.kernels()) rt.kernel(program, k);
    }

    @Override
    public boolean serialReduction(long outputs, long length) { return outputs >= MANY_OUTPUTS || length < LONG_REDUCTION; }

    @Override
    public void perOutput(String op, DType program, String kernel, long outputs, Object... args) {
        rt.launch(op, rt.kernel(program, kernel), kernel, LaunchConfig.perItem(outputs, rt.options().reduceLocal()), args);
    }

    @Override
    public void gemm(String op, DType program, String kernel, long m, long n, long batches, Object... args) {
        EmitOptions o = rt.options();
        rt.launch(op, rt.kernel(program, kernel), kernel, LaunchConfig.gemm(m, n, batches, o.gemmBlock(), o.gemmTile()), args);
    }

    @Override
    public Object resetIndexFlag() { return rt.resetIndexFlag(); }

    @Override
    public Long badIndex() { return rt.badIndex(); }
}
