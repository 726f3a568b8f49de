package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.KernelTable;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

/**
 * Puts the oneDNN kernels into a {@link KernelTable}: each replaces one primitive's entry
 * and keeps the entry it replaced as its fallback, for the dtypes and layouts oneDNN does not
 * take. Nothing else in the backend changes.
 */
public final class OneDnnKernels {
    private OneDnnKernels() {}

    /**
     * Registers matmul, conv, max pooling (forward and gradient) and large transposing F32 casts
     * on {@code dnn} in {@code table}, each over the kernel already there, and fused softmax,
     * layer norm, batch norm and linear (matmul with bias), which fall back to their decompositions.
     */
    public static void install(KernelTable table, OneDnn dnn) {
        table.register(Prims.MATMUL, new DnnlMatmul(dnn, existing(table, Prims.MATMUL)));
        table.register(Prims.CONV, new DnnlConv(dnn, existing(table, Prims.CONV)));
        table.register(Prims.CAST, new DnnlCopy(dnn, existing(table, Prims.CAST)));
        table.register(Prims.REDUCE_WINDOW_MAX, new DnnlPool(dnn, existing(table, Prims.REDUCE_WINDOW_MAX), false));
        table.register(Prims.SELECT_AND_SCATTER_ADD, new DnnlPool(dnn, existing(table, Prims.SELECT_AND_SCATTER_ADD), true));
        table.registerComposite(Prims.SOFTMAX, new DnnlSoftmax(dnn));
        table.registerComposite(Prims.LINEAR, new DnnlLinear(dnn));
        table.registerComposite(Prims.LAYER_NORM, new DnnlNormalization(dnn, true));
        table.registerComposite(Prims.BATCH_NORM, new DnnlNormalization(dnn, false));
    }

    private static CpuKernel existing(KernelTable table, Primitive p) {
        CpuKernel k = table.get(p);
        if (k == null) throw new IllegalStateException("no kernel for " + p.name() + " to fall back to");
        return k;
    }
}
