package dev.triad.backend.cuda.kernels;

import dev.triad.codegen.c.ElementwiseMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;

/** Unary and binary elementwise ops, where and cast: one generated kernel each, on strided inputs. */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static CudaOp unary(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            long[] meta = ElementwiseMeta.pack(p.name(), out.shape().toArray(), List.of(Exec.layout(out), Exec.layout(a)), 2);
            x.linear(p.name(), a.dtype(), KernelNames.unary(p, a.dtype()), meta[1], Exec.mem(out), Exec.mem(a), meta);
        };
    }

    static CudaOp binary(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            Shape s = out.shape();
            long[] meta = ElementwiseMeta.pack(p.name(), s.toArray(), List.of(Exec.layout(out), Exec.broadcast(a, s), Exec.broadcast(b, s)), 3);
            x.linear(p.name(), a.dtype(), KernelNames.binary(p, a.dtype()), meta[1], Exec.mem(out), Exec.mem(a), Exec.mem(b), meta);
        };
    }

    static CudaOp where(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray c = in.get(0), a = in.get(1), b = in.get(2);
            Shape s = out.shape();
            long[] meta = ElementwiseMeta.pack(p.name(), s.toArray(),
                    List.of(Exec.layout(out), Exec.broadcast(c, s), Exec.broadcast(a, s), Exec.broadcast(b, s)), 4);
            x.linear(p.name(), null, KernelNames.where(out.dtype().byteSize()), meta[1], Exec.mem(out), Exec.mem(c), Exec.mem(a), Exec.mem(b), meta);
        };
    }

    static CudaOp cast(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            DType to = attrs.get(Keys.DTYPE);
            if (to != out.dtype()) throw new IllegalStateException("cast to " + to + " into " + out.type());
            convert(x, p.name(), a, Exec.layout(a), out, Exec.layout(out));
        };
    }

    /** Converts {@code src} into {@code dst} (same shape, any layouts and dtypes), as a cast does. */
    static void convert(Exec x, String op, DeviceArray src, Strided from, DeviceArray dst, Strided to) {
        long[] dims = src.shape().toArray();
        if (src.dtype() == dst.dtype()) {
            x.copy(op, src.dtype().byteSize(), dims, Exec.mem(src), from, Exec.mem(dst), to);
            return;
        }
        long[] meta = ElementwiseMeta.pack(op, dims, List.of(to, from), 2);
        x.linear(op, src.dtype(), KernelNames.cast(src.dtype(), dst.dtype()), meta[1], Exec.mem(dst), Exec.mem(src), meta);
    }
}
