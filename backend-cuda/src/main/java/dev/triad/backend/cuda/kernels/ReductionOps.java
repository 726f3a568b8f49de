package dev.triad.backend.cuda.kernels;

import dev.triad.backend.cuda.LaunchConfig;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.ReductionMeta;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

/**
 * Axis reductions and argmax/argmin: a thread per output when outputs are many or reductions
 * short, else a block per output combining partial results in shared memory.
 */
final class ReductionOps {
    private ReductionOps() {}

    /** From this many outputs on, a thread per output keeps the GPU busy. */
    static final long MANY_OUTPUTS = 4096;
    /** Reductions at least this long are worth a block. */
    static final long LONG_REDUCTION = 256;

    static boolean serial(long nout, long nred) { return nout >= MANY_OUTPUTS || nred < LONG_REDUCTION; }

    static CudaOp reduce(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            boolean[] reduced = new boolean[a.shape().rank()];
            for (int axis : attrs.get(Keys.AXES)) reduced[axis] = true;
            launch(x, p, a.dtype(), ReductionMeta.pack(p.name(), a.shape().toArray(), Exec.layout(a), reduced), out, a);
        };
    }

    static CudaOp arg(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0);
            launch(x, p, a.dtype(), ReductionMeta.packAxis(p.name(), a.shape().toArray(), Exec.layout(a), attrs.get(Keys.AXIS)), out, a);
        };
    }

    private static void launch(Exec x, Primitive p, DType t, long[] meta, DeviceArray out, DeviceArray a) {
        long nout = meta[2], nred = meta[3];
        if (nout == 0) return;
        boolean serial = serial(nout, nred);
        String name = KernelNames.reduce(p, t, serial);
        if (serial) {
            x.linear(p.name(), t, name, nout, Exec.mem(out), Exec.mem(a), meta);
        } else {
            x.rt().launch(p.name(), x.rt().kernel(t, name), name, LaunchConfig.perItem(nout, x.rt().options().reduceLocal()),
                    Exec.mem(out), Exec.mem(a), meta);
        }
    }
}
