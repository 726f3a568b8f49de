package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * The vendor calls the shared kernel table needs from a backend: kernel arguments for buffers
 * and scalars, the launch geometry of each kind of generated kernel, and the device-side
 * index-check flag. Everything else an op does (metadata packing, kernel choice, argument
 * order) is shared. Launches are queued in order on the backend's one stream or queue.
 */
public interface Launcher {
    /** The backend the arrays belong to (temporaries are allocated from it). */
    Backend backend();

    /** The kernel argument naming {@code a}'s buffer (its element offset travels in the metadata). */
    Object bufferArg(DeviceArray a);

    /** A by-value kernel argument of {@code bytes} (1, 2, 4 or 8) bytes holding the low bits of {@code bits}. */
    Object scalarArg(int bytes, long bits);

    /** Throws the typed error when the device cannot produce {@code t}; by default every dtype is fine. */
    default void requireDType(String op, DType t) { }

    /** Queues {@code kernel} of the program for {@code program} (null: the common program) over {@code n} items; nothing when {@code n <= 0}. */
    void linear(String op, DType program, String kernel, long n, Object... args);

    /** Queues {@code kernel} of a program generated elsewhere (fused kernels) over {@code n} items; nothing when {@code n <= 0}. */
    void linearProgram(String op, ProgramSource program, String kernel, long n, Object... args);

    /** Compiles (or loads from the cache) every kernel of {@code program} now, so that compile errors surface at graph compile time. */
    void prepare(ProgramSource program);

    /** Whether a reduction of {@code outputs} results over {@code length} elements each runs a thread per output (else a group per output). */
    boolean serialReduction(long outputs, long length);

    /** Queues a reduction kernel with one group of the emitter's reduction width per output. */
    void perOutput(String op, DType program, String kernel, long outputs, Object... args);

    /** Queues a tiled GEMM kernel covering an {@code m x n} result for each of {@code batches}; all three are positive. */
    void gemm(String op, DType program, String kernel, long m, long n, long batches, Object... args);

    /** Clears the index-check flag before a checked launch and returns its kernel argument. */
    Object resetIndexFlag();

    /** The bad index the last checked kernel saw, or null when all were in range (waits for it). */
    Long badIndex();

    /** The layout of {@code a}. */
    static Strided layout(DeviceArray a) { return new Strided(a.offset(), a.strides()); }

    /** The layout of {@code a} broadcast to {@code to} (stride 0 along stretched dimensions). */
    static Strided broadcast(DeviceArray a, Shape to) {
        return new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), to));
    }

    /** A fresh contiguous array of {@code type} on this backend; the caller closes it. */
    default DeviceArray temp(TensorType type) {
        Backend b = backend();
        return DeviceArray.contiguous(b, Buffer.allocate(b.allocator(), type.byteSize()), type);
    }

    /** Copies raw elements of {@code bytes} bytes over {@code dims} from {@code src} laid out as {@code from} to {@code dst} as {@code to}. */
    default void copy(String op, int bytes, long[] dims, Object src, Strided from, Object dst, Strided to) {
        long[] meta = ElementwiseMeta.pack(op, dims, List.of(to, from), 2);
        linear(op, null, KernelNames.copy(bytes), meta[1], dst, src, meta);
    }

    /** Copies {@code src} (any layout) into the contiguous {@code out} of the same shape and dtype. */
    default void copyToContiguous(String op, DeviceArray src, DeviceArray out) {
        copy(op, src.dtype().byteSize(), src.shape().toArray(), bufferArg(src), layout(src), bufferArg(out), layout(out));
    }

    /** A contiguous copy of {@code a}, or a new view of it when it already is contiguous; the caller closes it. */
    default DeviceArray contiguous(String op, DeviceArray a) {
        if (a.isContiguous()) return a.view(a.offset(), a.shape(), a.strides());
        DeviceArray c = temp(a.type());
        try {
            copyToContiguous(op, a, c);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Throws the typed error when the last checked kernel saw an index outside {@code [0, size)}. */
    default void checkIndices(String op, int axis, long size) {
        Long bad = badIndex();
        if (bad != null) {
            throw new IndexOutOfRangeException(op, "index " + bad + " is out of range for axis " + axis + " of size " + size
                    + "; expected 0 <= index < " + size);
        }
    }
}
