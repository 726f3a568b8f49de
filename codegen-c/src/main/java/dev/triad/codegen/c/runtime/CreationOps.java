package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.KernelNames;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/** full, iota and random_bits. */
final class CreationOps {
    private CreationOps() {}

    /** full {shape, dtype, value}: the value's bits, converted as a cast converts, filled in. */
    static GpuOp<Launcher> full(Primitive p) {
        return (x, attrs, in, out) -> {
            DType t = out.dtype();
            long n = out.shape().numel();
            x.linear(p.name(), null, KernelNames.fill(t.byteSize()), n, x.bufferArg(out), n,
                    x.scalarArg(t.byteSize(), MovementOps.rawBits(t, attrs.get(Keys.VALUE))));
        };
    }

    /** iota {shape, dtype, axis}. */
    static GpuOp<Launcher> iota(Primitive p) {
        return (x, attrs, in, out) -> {
            Shape s = out.shape();
            int axis = attrs.get(Keys.AXIS);
            long inner = 1;
            for (int i = axis + 1; i < s.rank(); i++) inner *= s.dim(i);
            long n = s.numel();
            x.linear(p.name(), out.dtype(), KernelNames.iota(out.dtype()), n, x.bufferArg(out), n, Math.max(inner, 1), Math.max(s.dim(axis), 1));
        };
    }

    /** random_bits {shape} (key i32[2]): Threefry-2x32, a thread per counter pair. */
    static GpuOp<Launcher> randomBits(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray key = in.get(0);
            long n = out.shape().numel();
            x.linear(p.name(), null, KernelNames.randomBits(), (n + 1) / 2, x.bufferArg(out), x.bufferArg(key), key.offset(), key.stride(0), n);
        };
    }
}
