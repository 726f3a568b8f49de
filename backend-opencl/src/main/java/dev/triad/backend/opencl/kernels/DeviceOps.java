package dev.triad.backend.opencl.kernels;

import dev.triad.backend.opencl.ClRuntime;
import dev.triad.codegen.c.GemmEmitter;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.runtime.ContractionOps;
import dev.triad.codegen.c.runtime.GpuOp;
import dev.triad.codegen.c.runtime.KernelTable;
import dev.triad.codegen.c.runtime.Launcher;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

/**
 * What the OpenCL backend runs differently from the shared kernel table: on CPU devices (where
 * the tiled kernel's local memory and barriers only cost) matmul uses the vector-register
 * kernel for F32/F64 when b's rows are contiguous.
 */
public final class DeviceOps {
    private DeviceOps() {}

    private static final GpuOp<Launcher> TILED_MATMUL = ContractionOps.matmul(Prims.MATMUL);

    /** The shared kernel table with the OpenCL-specific entries. */
    public static KernelTable<Exec> table() {
        return KernelTable.<Exec>standard().with(Prims.MATMUL, matmul(Prims.MATMUL));
    }

    /** matmul: the vector kernel where {@link #vectorKernel} says so, else the tiled kernel. */
    static GpuOp<Exec> matmul(Primitive p) {
        return (x, attrs, in, out) -> {
            DeviceArray a = in.get(0), b = in.get(1);
            ContractionOps.MatmulOperands o = ContractionOps.MatmulOperands.of(a, b, out);
            int r = out.shape().rank();
            if (!vectorKernel(x, a.dtype(), o.n(), o.b().strides()[r - 1])) {
                TILED_MATMUL.run(x, attrs, in, out);
                return;
            }
            long[] meta = o.meta();
            if (o.m() == 0 || o.n() == 0 || meta[4] == 0) return;
            long w = GemmEmitter.VEC_WIDTH, rows = GemmEmitter.VEC_ROWS, local = 8;
            long[] global = {ClRuntime.roundUp((o.n() + w - 1) / w, local), ClRuntime.roundUp((o.m() + rows - 1) / rows, local), Math.min(meta[4], Exec.MAX_Z)};
            String kernel = KernelNames.matmulVector(a.dtype());
            x.rt().launch(p.name(), x.rt().kernel(a.dtype(), kernel), kernel, global, new long[] {local, local, 1},
                    Exec.mem(out), Exec.mem(a), Exec.mem(b), meta);
        };
    }

    /**
     * Whether to use the vector-register matmul: on CPU devices (where the tiled kernel's local
     * memory and barriers only cost), for F32/F64, when b's rows are contiguous.
     */
    static boolean vectorKernel(Exec x, DType t, long n, long bColumnStride) {
        return !x.device().gpu() && GemmEmitter.hasVectorMatmul(t, OpenClDialect.INSTANCE) && (bColumnStride == 1 || n == 1);
    }
}
