package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.ClRuntime;
import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.List;

/**
 * What an op needs to run: the device runtime, the backend (for temporaries) and the helpers
 * every family shares (layouts, one-dimensional launches, strided copies, index checks).
 *
 * @param rt the device runtime
 * @param backend the backend the arrays belong to
 */
public record Exec(ClRuntime rt, Backend backend) {
    /** The device. */
    public DeviceInfo device() { return rt.info(); }

    /** The {@code cl_mem} holding {@code a}. */
    public static cl_mem mem(DeviceArray a) { return (cl_mem) a.buffer().handle(); }

    /** The layout of {@code a}. */
    public static Strided layout(DeviceArray a) { return new Strided(a.offset(), a.strides()); }

    /** The layout of {@code a} broadcast to {@code to} (stride 0 along stretched dimensions). */
    public static Strided broadcast(DeviceArray a, Shape to) {
        return new Strided(a.offset(), Broadcasting.broadcastStrides(a.shape(), a.strides(), to));
    }

    /** A fresh contiguous array of {@code type} on this backend; the caller closes it. */
    public DeviceArray temp(TensorType type) {
        return DeviceArray.contiguous(backend, Buffer.allocate(backend.allocator(), type.byteSize()), type);
    }

    /** Throws when the device cannot compute in {@code t} (F64 without fp64). */
    public void requireDType(String op, DType t) {
        if (t == DType.F64 && !device().fp64()) {
            throw new UnsupportedOpException(op, "backend 'opencl' cannot produce f64 on " + device().name() + ": the device has no fp64 (cl_khr_fp64)");
        }
    }

    /** Enqueues a one-dimensional kernel with a work-item per item ({@code n} of them); nothing when {@code n} is 0. */
    public void linear(String op, DType program, String kernel, long n, Object... args) {
        if (n <= 0) return;
        cl_kernel k = rt.kernel(program, kernel);
        rt.launch(op, k, kernel, new long[] {rt.linearGlobal(n)}, new long[] {rt.linearLocal()}, args);
    }

    /**
     * Copies elements of {@code bytes} bytes, iterating {@code dims}, from {@code src} laid out
     * as {@code from} to {@code dst} laid out as {@code to} (raw bits, no conversion).
     */
    public void copy(String op, int bytes, long[] dims, cl_mem src, Strided from, cl_mem dst, Strided to) {
        long[] meta = ElementwiseMeta.pack(op, dims, List.of(to, from), 2);
        linear(op, null, KernelNames.copy(bytes), meta[1], dst, src, meta);
    }

    /** Copies {@code src} (any layout) into the contiguous {@code out} of the same shape and dtype. */
    public void copyToContiguous(String op, DeviceArray src, DeviceArray out) {
        copy(op, src.dtype().byteSize(), src.shape().toArray(), mem(src), layout(src), mem(out), layout(out));
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
