package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.KernelArgs;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.PadMeta;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Views;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Data movement: views materialised by one strided raw copy, pad, and concat. */
final class MovementOps {
    private MovementOps() {}

    static CudaOp view(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            int bytes = a.dtype().byteSize();
            Views.Layout l = Views.layoutOf(a.type(), a.offset(), a.strides(), p, attrs);
            if (l != null) {
                x.copy(p.name(), bytes, l.shape().toArray(), Exec.mem(a), new Strided(l.offset(), l.strides()), Exec.mem(out), Exec.layout(out));
            } else {
                // A reshape the strides cannot express: copying in row-major order is the reshape.
                long[] dims = a.shape().toArray();
                x.copy(p.name(), bytes, dims, Exec.mem(a), Exec.layout(a), Exec.mem(out), Strided.contiguous(dims));
            }
        };
    }

    static CudaOp pad(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            int bytes = a.dtype().byteSize();
            long[] meta = PadMeta.pack(out.shape().toArray(), a.shape().toArray(), Exec.layout(a), attrs.get(Keys.LOW), attrs.get(Keys.INTERIOR));
            x.linear(p.name(), null, KernelNames.pad(bytes), meta[1], Exec.mem(out), Exec.mem(a), meta,
                    new KernelArgs.Raw(bytes, rawBits(a.dtype(), attrs.get(Keys.VALUE))));
        };
    }

    static CudaOp concat(Primitive p) {
        return (x, attrs, in, out) -> {
            int axis = attrs.get(Keys.AXIS);
            long[] outStrides = out.strides();
            long offset = 0;
            for (DeviceArray a : in) {
                x.copy(p.name(), a.dtype().byteSize(), a.shape().toArray(), Exec.mem(a), Exec.layout(a), Exec.mem(out),
                        new Strided(offset * outStrides[axis], outStrides));
                offset += a.shape().dim(axis);
            }
        };
    }

    /** The bits of {@code v} converted to {@code t} as a cast converts it, little-endian in a long. */
    static long rawBits(DType t, double v) {
        byte[] b = new byte[8];
        MemorySegment s = MemorySegment.ofArray(b);
        Elements.setDouble(s, 0, t, v);
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
    }
}
