package dev.triad.backend.cuda.kernels;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The CUDA implementation of every primitive, keyed by op. Composites are absent on purpose:
 * they run as their decompositions (or, inside compiled graphs, fused).
 */
public final class KernelTable {
    private final Map<Primitive, CudaOp> ops;

    private KernelTable(Map<Primitive, CudaOp> ops) { this.ops = Collections.unmodifiableMap(ops); }

    /** The table with every primitive. */
    public static KernelTable standard() {
        Map<Primitive, CudaOp> m = new HashMap<>();
        for (Primitive p : Prims.all()) {
            switch (p.category()) {
                case UNARY -> m.put(p, ElementwiseOps.unary(p));
                case BINARY -> m.put(p, ElementwiseOps.binary(p));
                default -> { }
            }
        }
        m.put(Prims.WHERE, ElementwiseOps.where(Prims.WHERE));
        m.put(Prims.CAST, ElementwiseOps.cast(Prims.CAST));
        for (Primitive p : new Primitive[] {Prims.REDUCE_SUM, Prims.REDUCE_PROD, Prims.REDUCE_MAX, Prims.REDUCE_MIN}) m.put(p, ReductionOps.reduce(p));
        m.put(Prims.ARGMAX, ReductionOps.arg(Prims.ARGMAX));
        m.put(Prims.ARGMIN, ReductionOps.arg(Prims.ARGMIN));
        for (Primitive p : new Primitive[] {Prims.RESHAPE, Prims.PERMUTE, Prims.BROADCAST_TO, Prims.SLICE, Prims.FLIP}) m.put(p, MovementOps.view(p));
        m.put(Prims.PAD, MovementOps.pad(Prims.PAD));
        m.put(Prims.CONCAT, MovementOps.concat(Prims.CONCAT));
        m.put(Prims.GATHER, IndexingOps.gather(Prims.GATHER));
        m.put(Prims.SCATTER_ADD, IndexingOps.scatterAdd(Prims.SCATTER_ADD));
        m.put(Prims.MATMUL, ContractionOps.matmul(Prims.MATMUL));
        m.put(Prims.CONV, ContractionOps.conv(Prims.CONV));
        m.put(Prims.REDUCE_WINDOW_MAX, WindowOps.reduce(Prims.REDUCE_WINDOW_MAX, true));
        m.put(Prims.REDUCE_WINDOW_SUM, WindowOps.reduce(Prims.REDUCE_WINDOW_SUM, false));
        m.put(Prims.SELECT_AND_SCATTER_ADD, WindowOps.selectAndScatterAdd(Prims.SELECT_AND_SCATTER_ADD));
        m.put(Prims.SELECT_AND_GATHER, WindowOps.selectAndGather(Prims.SELECT_AND_GATHER));
        m.put(Prims.FULL, CreationOps.full(Prims.FULL));
        m.put(Prims.IOTA, CreationOps.iota(Prims.IOTA));
        m.put(Prims.RANDOM_BITS, CreationOps.randomBits(Prims.RANDOM_BITS));
        return new KernelTable(m);
    }

    /** The implementation of {@code p}, or null (composites). */
    public CudaOp get(Primitive p) { return ops.get(p); }

    /** Converts between any layouts and dtypes (the backend's copyInto). */
    public static void convert(Exec x, String op, DeviceArray src, DeviceArray dst) {
        ElementwiseOps.convert(x, op, src, Exec.layout(src), dst, Exec.layout(dst));
    }
}
