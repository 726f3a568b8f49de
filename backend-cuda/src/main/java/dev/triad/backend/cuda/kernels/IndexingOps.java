package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.KernelArgs;
import dev.triad.codegen.c.IndexMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;

/**
 * gather and scatter_add. The kernels check every index and raise a device-side flag, which
 * the host reads after the launch and turns into {@link IndexOutOfRangeException} at the call.
 */
final class IndexingOps {
    private IndexingOps() {}

    static CudaOp gather(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray operand = in.get(0), idx = in.get(1);
            int axis = attrs.get(Keys.AXIS);
            long size = operand.shape().dim(axis);
            long[] meta = IndexMeta.pack(p.name(), idx.shape().toArray(), axis, size, 0, Exec.layout(operand), Exec.layout(idx), null);
            if (meta[1] == 0) return;
            KernelArgs.DevicePtr flag = x.rt().resetIndexFlag();
            x.linear(p.name(), null, KernelNames.gather(operand.dtype().byteSize(), idx.dtype()), meta[1],
                    Exec.mem(out), Exec.mem(operand), Exec.mem(idx), flag, meta);
            x.checkIndices(p.name(), axis, size);
        };
    }

    static CudaOp scatterAdd(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray operand = in.get(0), idx = in.get(1), upd = in.get(2);
            int axis = attrs.get(Keys.AXIS);
            long size = operand.shape().dim(axis);
            if (size == 0 && idx.shape().numel() > 0) {
                throw new IndexOutOfRangeException(p.name(), "axis " + axis + " of the operand " + operand.type() + " has size 0, so no index can be in range");
            }
            long[] meta = IndexMeta.pack(p.name(), operand.shape().toArray(), axis, size, idx.shape().dim(axis),
                    Exec.layout(operand), Exec.layout(idx), Exec.layout(upd));
            if (meta[1] == 0) return;
            KernelArgs.DevicePtr flag = x.rt().resetIndexFlag();
            x.linear(p.name(), operand.dtype(), KernelNames.scatterAdd(operand.dtype(), idx.dtype()), meta[1],
                    Exec.mem(out), Exec.mem(operand), Exec.mem(idx), Exec.mem(upd), flag, meta);
            x.checkIndices(p.name(), axis, size);
        };
    }
}
