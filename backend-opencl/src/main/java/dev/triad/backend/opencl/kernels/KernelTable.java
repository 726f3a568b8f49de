package dev.triad.backend.opencl.kernels;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenCL kernel of every primitive, keyed by op: adding an op is one entry here plus its
 * generator in {@link dev.triad.codegen.c}. Composites are absent on purpose: they run as their
 * decompositions (or, inside compiled graphs, fused).
 */
public final class KernelTable {
    private final Map<Primitive, ClOp> ops;

    private KernelTable(Map<Primitive, ClOp> ops) { this.ops = Collections.unmodifiableMap(ops); }

    /** The table with every primitive. */
    public static KernelTable standard() {
        Map<Primitive, ClOp> m = new HashMap<>();
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

    /** The kernel of {@code p}, or null when the backend has none (composites). */
    public ClOp get(Primitive p) { return ops.get(p); }

    /** Public entry for {@link dev.triad.backend.opencl.OpenClBackend#copyInto}: converts between any layouts and dtypes. */
    public static void convert(Exec x, String op, dev.triad.spi.backend.DeviceArray src, dev.triad.spi.backend.DeviceArray dst) {
        ElementwiseOps.convert(x, op, src, Exec.layout(src), dst, Exec.layout(dst));
    }
}
