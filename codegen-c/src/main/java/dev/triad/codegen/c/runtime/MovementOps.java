package dev.triad.codegen.c.runtime;

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

/**
 * Data movement. Reshape, permute, broadcast_to, slice and flip are views ({@link Views})
 * materialised by one strided raw copy; pad is one raw kernel; concat copies each input into
 * its slice of the result. All move raw bits, so one kernel per element size serves every dtype.
 */
final class MovementOps {
    private MovementOps() {}

    /** The view-expressible ops: a strided copy of the view. */
    static GpuOp<Launcher> view(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            int bytes = a.dtype().byteSize();
            Views.Layout l = Views.layoutOf(a.type(), a.offset(), a.strides(), p, attrs);
            if (l != null) {
                x.copy(p.name(), bytes, l.shape().toArray(), x.bufferArg(a), new Strided(l.offset(), l.strides()), x.bufferArg(out), Launcher.layout(out));
            } else {
                // A reshape the strides cannot express: copying in row-major order is the reshape.
                long[] dims = a.shape().toArray();
                x.copy(p.name(), bytes, dims, x.bufferArg(a), Launcher.layout(a), x.bufferArg(out), Strided.contiguous(dims));
            }
        };
    }

    /** pad {low, high, interior, value}. */
    static GpuOp<Launcher> pad(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            int bytes = a.dtype().byteSize();
            long[] meta = PadMeta.pack(out.shape().toArray(), a.shape().toArray(), Launcher.layout(a), attrs.get(Keys.LOW), attrs.get(Keys.INTERIOR));
            x.linear(p.name(), null, KernelNames.pad(bytes), meta[1], x.bufferArg(out), x.bufferArg(a), meta,
                    x.scalarArg(bytes, rawBits(a.dtype(), attrs.get(Keys.VALUE))));
        };
    }

    /** concat {axis}: each input copied into its slice of the result. */
    static GpuOp<Launcher> concat(Primitive p) {
        return (x, attrs, in, out) -> {
            int axis = attrs.get(Keys.AXIS);
            long[] outStrides = out.strides();
            long offset = 0;
            for (DeviceArray a : in) {
                x.copy(p.name(), a.dtype().byteSize(), a.shape().toArray(), x.bufferArg(a), Launcher.layout(a), x.bufferArg(out),
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
