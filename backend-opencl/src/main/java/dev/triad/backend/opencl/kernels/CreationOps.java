package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.ClRuntime;
import dev.triad.backend.opencl.DeviceInfo;
import dev.triad.codegen.c.KernelNames;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;

/** full, iota and random_bits. */
final class CreationOps {
    private CreationOps() {}

    /** full {shape, dtype, value}: the value's bits, converted as a cast converts, filled in. */
    static ClOp full(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DType t = out.dtype();
                long n = out.shape().numel();
                x.linear(p.name(), null, KernelNames.fill(t.byteSize()), n, Exec.mem(out), n,
                        new ClRuntime.Raw(t.byteSize(), MovementOps.rawBits(t, attrs.get(Keys.VALUE))));
            }
        };
    }

    /** iota {shape, dtype, axis}. */
    static ClOp iota(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return ClOp.standard(t, d); }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                Shape s = out.shape();
                int axis = attrs.get(Keys.AXIS);
                long inner = 1;
                for (int i = axis + 1; i < s.rank(); i++) inner *= s.dim(i);
                long n = s.numel();
                x.linear(p.name(), out.dtype(), KernelNames.iota(out.dtype()), n, Exec.mem(out), n, Math.max(inner, 1), Math.max(s.dim(axis), 1));
            }
        };
    }

    /** random_bits {shape} (key i32[2]): Threefry-2x32, a thread per counter pair. */
    static ClOp randomBits(Primitive p) {
        return new ClOp() {
            @Override public Support supports(DType t, DeviceInfo d) { return Support.YES; }

            @Override public void run(Exec x, Attrs attrs, List<DeviceArray> in, DeviceArray out) {
                DeviceArray key = in.get(0);
                long n = out.shape().numel();
                x.linear(p.name(), null, KernelNames.randomBits(), (n + 1) / 2, Exec.mem(out), Exec.mem(key), key.offset(), key.stride(0), n);
            }
        };
    }
}
