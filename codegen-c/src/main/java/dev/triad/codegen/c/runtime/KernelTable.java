package dev.triad.codegen.c.runtime;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The generated kernel of every primitive, keyed by op: adding an op is one entry here plus
 * its generator in {@link dev.triad.codegen.c}. Composites are absent on purpose: they run as
 * their decompositions (or, inside compiled graphs, fused). A backend takes
 * {@link #standard()} and replaces the entries a vendor library runs better
 * ({@link #with}). Immutable.
 *
 * @param <L> the backend's launcher
 */
public final class KernelTable<L extends Launcher> {
    /** Ops that only move raw bits, so they run for every dtype even where the device cannot compute in it (no fp64). */
    private static final Set<Primitive> RAW_BITS = Set.of(Prims.WHERE, Prims.RANDOM_BITS);

    private final Map<Primitive, GpuOp<? super L>> ops;

    private KernelTable(Map<Primitive, GpuOp<? super L>> ops) { this.ops = Collections.unmodifiableMap(ops); }

    /** The table with every primitive on the generated kernels. */
    public static <L extends Launcher> KernelTable<L> standard() {
        Map<Primitive, GpuOp<? super L>> m = new HashMap<>();
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
        return new KernelTable<>(m);
    }

    /** This table with {@code p} run by {@code op} instead. */
    public KernelTable<L> with(Primitive p, GpuOp<? super L> op) {
        Map<Primitive, GpuOp<? super L>> m = new HashMap<>(ops);
        m.put(p, op);
        return new KernelTable<>(m);
    }

    /** How {@code p} runs, or null when the table has no entry (composites). */
    public GpuOp<? super L> get(Primitive p) { return ops.get(p); }

    /** Whether {@code p} only moves raw bits, so that the device's arithmetic dtypes do not limit it. */
    public static boolean movesRawBits(Primitive p) { return RAW_BITS.contains(p); }

    /** Converts between any layouts and dtypes, as a cast does (the backends' {@code copyInto}). */
    public static void convert(Launcher x, String op, DeviceArray src, DeviceArray dst) {
        ElementwiseOps.convert(x, op, src, Launcher.layout(src), dst, Launcher.layout(dst));
    }
}
