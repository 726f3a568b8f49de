package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.KernelArgs;
import dev.triad.codegen.c.KernelNames;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/** full, iota and random_bits. */
final class CreationOps {
    private CreationOps() {}

    static CudaOp full(Primitive p) {
        return (x, attrs, in, out) -> {
            DType t = out.dtype();
            long n = out.shape().numel();
            x.linear(p.name(), null, KernelNames.fill(t.byteSize()), n, Exec.mem(out), n,
                    new KernelArgs.Raw(t.byteSize(), MovementOps.rawBits(t, attrs.get(Keys.VALUE))));
        };
    }

    static CudaOp iota(Primitive p) {
        return (x, attrs, in, out) -> {
            Shape s = out.shape();
            int axis = attrs.get(Keys.AXIS);
            long inner = 1;
            for (int i = axis + 1; i < s.rank(); i++) inner *= s.dim(i);
            long n = s.numel();
            x.linear(p.name(), out.dtype(), KernelNames.iota(out.dtype()), n, Exec.mem(out), n, Math.max(inner, 1), Math.max(s.dim(axis), 1));
        };
    }

    static CudaOp randomBits(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray key = in.get(0);
            long n = out.shape().numel();
            x.linear(p.name(), null, KernelNames.randomBits(), (n + 1) / 2, Exec.mem(out), Exec.mem(key), key.offset(), key.stride(0), n);
        };
    }
}
