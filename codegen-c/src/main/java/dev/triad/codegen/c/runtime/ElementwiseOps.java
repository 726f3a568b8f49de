package dev.triad.codegen.c.runtime;

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

    /** A unary op: {@code unary_<op>_<t>}. */
    static GpuOp<Launcher> unary(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            long[] meta = ElementwiseMeta.pack(p.name(), out.shape().toArray(), List.of(Launcher.layout(out), Launcher.layout(a)), 2);
            x.linear(p.name(), a.dtype(), KernelNames.unary(p, a.dtype()), meta[1], x.bufferArg(out), x.bufferArg(a), meta);
        };
    }

    /** A binary op with broadcasting: {@code binary_<op>_<t>}. */
    static GpuOp<Launcher> binary(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            Shape s = out.shape();
            long[] meta = ElementwiseMeta.pack(p.name(), s.toArray(), List.of(Launcher.layout(out), Launcher.broadcast(a, s), Launcher.broadcast(b, s)), 3);
            x.linear(p.name(), a.dtype(), KernelNames.binary(p, a.dtype()), meta[1], x.bufferArg(out), x.bufferArg(a), x.bufferArg(b), meta);
        };
    }

    /** where(cond, x, y): a raw-bit select, shared by every dtype of one size. */
    static GpuOp<Launcher> where(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray c = in.get(0), a = in.get(1), b = in.get(2);
            Shape s = out.shape();
            long[] meta = ElementwiseMeta.pack(p.name(), s.toArray(),
                    List.of(Launcher.layout(out), Launcher.broadcast(c, s), Launcher.broadcast(a, s), Launcher.broadcast(b, s)), 4);
            x.linear(p.name(), null, KernelNames.where(out.dtype().byteSize()), meta[1], x.bufferArg(out), x.bufferArg(c), x.bufferArg(a), x.bufferArg(b), meta);
        };
    }

    /** cast {dtype}: {@code cast_<from>_<to>}, or a raw copy when the dtype does not change. */
    static GpuOp<Launcher> cast(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            DType to = attrs.get(Keys.DTYPE);
            x.requireDType(p.name(), to);
            convert(x, p.name(), a, Launcher.layout(a), out, Launcher.layout(out));
        };
    }

    /** Converts {@code src} into {@code dst} (same shape, any layouts, any dtypes), as a cast does. */
    static void convert(Launcher x, String op, DeviceArray src, Strided from, DeviceArray dst, Strided to) {
        long[] dims = src.shape().toArray();
        if (src.dtype() == dst.dtype()) {
            x.copy(op, src.dtype().byteSize(), dims, x.bufferArg(src), from, x.bufferArg(dst), to);
            return;
        }
        long[] meta = ElementwiseMeta.pack(op, dims, List.of(to, from), 2);
        x.linear(op, src.dtype(), KernelNames.cast(src.dtype(), dst.dtype()), meta[1], x.bufferArg(dst), x.bufferArg(src), meta);
    }
}
