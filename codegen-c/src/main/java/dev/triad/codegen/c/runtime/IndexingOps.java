package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.IndexMeta;
import dev.triad.codegen.c.KernelNames;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;

/**
 * gather and scatter_add. The kernels check every index and raise a device-side flag; the
 * host reads it back after the launch (the one transfer these ops need) and throws
 * {@link IndexOutOfRangeException} at the call, as the CPU backend does.
 */
final class IndexingOps {
    private IndexingOps() {}

    /** gather {axis}: raw elements, indices i32 or i64. */
    static GpuOp<Launcher> gather(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray operand = in.get(0), idx = in.get(1);
            int axis = attrs.get(Keys.AXIS);
            long size = operand.shape().dim(axis);
            long[] meta = IndexMeta.pack(p.name(), idx.shape().toArray(), axis, size, 0, Launcher.layout(operand), Launcher.layout(idx), null);
            if (meta[1] == 0) return;
            Object flag = x.resetIndexFlag();
            x.linear(p.name(), null, KernelNames.gather(operand.dtype().byteSize(), idx.dtype()), meta[1],
                    x.bufferArg(out), x.bufferArg(operand), x.bufferArg(idx), flag, meta);
            x.checkIndices(p.name(), axis, size);
        };
    }

    /** scatter_add {axis}: a thread per result element adds the updates aimed at it, in index order. */
    static GpuOp<Launcher> scatterAdd(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray operand = in.get(0), idx = in.get(1), upd = in.get(2);
            int axis = attrs.get(Keys.AXIS);
            long size = operand.shape().dim(axis);
            if (size == 0 && idx.shape().numel() > 0) {
                throw new IndexOutOfRangeException(p.name(), "axis " + axis + " of the operand " + operand.type()
                        + " has size 0, so no index can be in range");
            }
            long[] meta = IndexMeta.pack(p.name(), operand.shape().toArray(), axis, size, idx.shape().dim(axis),
                    Launcher.layout(operand), Launcher.layout(idx), Launcher.layout(upd));
            if (meta[1] == 0) return;
            Object flag = x.resetIndexFlag();
            x.linear(p.name(), operand.dtype(), KernelNames.scatterAdd(operand.dtype(), idx.dtype()), meta[1],
                    x.bufferArg(out), x.bufferArg(operand), x.bufferArg(idx), x.bufferArg(upd), flag, meta);
            x.checkIndices(p.name(), axis, size);
        };
    }
}
