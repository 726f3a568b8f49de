package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.CudaRuntime;
import dev.triad.backend.cuda.KernelArgs;
import dev.triad.backend.cuda.Libraries;
import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * What an op needs to run: the device runtime, the backend (for temporaries), the vendor
 * libraries (each possibly unavailable) and the helpers every family shares.
 *
 * @param rt the device runtime
 * @param backend the backend the arrays belong to
 * @param libs cuBLAS and cuDNN, when they loaded
 */
public record Exec(CudaRuntime rt, Backend backend, Libraries libs) {
    /** The device pointer of {@code a}'s buffer (its element offset not applied). */
    public static KernelArgs.DevicePtr mem(DeviceArray a) { return (KernelArgs.DevicePtr) a.buffer().handle(); }

    /** The device address of {@code a}'s first element. */
    public static long address(DeviceArray a) { return mem(a).address() + a.offset() * a.dtype().byteSize(); }

    /** The layout of {@code a}. */
    public static Strided layout(DeviceArray a) { return new Strided(a.offset(), a.strides()); }

    /** The layout of {@code a} broadcast to {@code to}. */
    public static Strided broadcast(DeviceArray a, Shape to) {
        return new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), to));
    }

    /** A fresh contiguous array of {@code type}; the caller closes it. */
    public DeviceArray temp(TensorType type) {
        return DeviceArray.contiguous(backend, Buffer.allocate(backend.allocator(), type.byteSize()), type);
    }

    /** Queues a grid-stride kernel over {@code n} items. */
    public void linear(String op, dev.triad.spi.types.DType program, String kernel, long n, Object... args) {
        rt.linear(op, program, kernel, n, args);
    }

    /** Copies raw elements of {@code bytes} bytes over {@code dims} from {@code src} laid out as {@code from} to {@code dst} as {@code to}. */
    public void copy(String op, int bytes, long[] dims, KernelArgs.DevicePtr src, Strided from, KernelArgs.DevicePtr dst, Strided to) {
        long[] meta = ElementwiseMeta.pack(op, dims, List.of(to, from), 2);
        linear(op, null, KernelNames.copy(bytes), meta[1], dst, src, meta);
    }

    /** Copies {@code src} (any layout) into the contiguous {@code out} of the same shape and dtype. */
    public void copyToContiguous(String op, DeviceArray src, DeviceArray out) {
        copy(op, src.dtype().byteSize(), src.shape().toArray(), mem(src), layout(src), mem(out), layout(out));
    }

    /** A contiguous copy of {@code a}, or a new view of it when it already is contiguous; the caller closes it. */
    public DeviceArray contiguous(String op, DeviceArray a) {
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
    public void checkIndices(String op, int axis, long size) {
        Long bad = rt.badIndex();
        if (bad != null) {
            throw new IndexOutOfRangeException(op, "index " + bad + " is out of range for axis " + axis + " of size " + size
                    + "; expected 0 <= index < " + size);
        }
    }
}
