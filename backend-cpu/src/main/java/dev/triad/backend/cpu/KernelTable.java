package dev.triad.backend.cpu;

import dev.triad.backend.cpu.kernels.ArgKernel;
import dev.triad.backend.cpu.kernels.BinaryKernel;
import dev.triad.backend.cpu.kernels.ConvKernel;
import dev.triad.backend.cpu.kernels.CrossEntropyGradKernel;
import dev.triad.backend.cpu.kernels.CrossEntropyKernel;
import dev.triad.backend.cpu.kernels.CreationKernels;
import dev.triad.backend.cpu.kernels.IndexingKernels;
import dev.triad.backend.cpu.kernels.MatmulKernel;
import dev.triad.backend.cpu.kernels.MovementKernels;
import dev.triad.backend.cpu.kernels.ReduceKernel;
import dev.triad.backend.cpu.kernels.ScaledAddKernel;
import dev.triad.backend.cpu.kernels.SelectCastKernels;
import dev.triad.backend.cpu.kernels.UnaryKernel;
import dev.triad.backend.cpu.kernels.WindowKernels;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kernel runs each primitive: the one place the CPU backend's kernels are chosen.
 * {@link #standard()} registers the plain Java kernel of every primitive; a faster kernel for
 * one primitive replaces its entry with {@link #register} and nothing else changes, e.g.
 * {@code table.register(Prims.MATMUL, new DnnlMatmul())} when oneDNN is available. A
 * primitive without an entry is reported unsupported, never run. A composite runs as its
 * decomposition unless a fused kernel is registered for it ({@link #registerComposite}).
 */
public final class KernelTable {
    private final Map<Primitive, CpuKernel> kernels = new ConcurrentHashMap<>();
    private final Map<Primitive, CompositeKernel> composites = new ConcurrentHashMap<>();

    /** An empty table. */
    public KernelTable() {}

    /** The table with the plain Java kernel of every non-composite primitive. */
    public static KernelTable standard() {
        KernelTable t = new KernelTable();
        for (Primitive p : new Primitive[] {Prims.NEG, Prims.ABS, Prims.SIGN, Prims.EXP, Prims.LOG, Prims.LOG1P, Prims.EXPM1,
                Prims.SQRT, Prims.RSQRT, Prims.SIN, Prims.COS, Prims.TANH, Prims.LOGISTIC, Prims.ERF, Prims.RECIPROCAL,
                Prims.FLOOR, Prims.CEIL, Prims.ROUND, Prims.NOT}) {
            t.register(p, UnaryKernel.of(p.name()));
        }
        for (Primitive p : new Primitive[] {Prims.ADD, Prims.SUB, Prims.MUL, Prims.DIV, Prims.POW, Prims.MAX, Prims.MIN,
                Prims.REM, Prims.EQ, Prims.NE, Prims.LT, Prims.LE, Prims.GT, Prims.GE, Prims.AND, Prims.OR}) {
            t.register(p, BinaryKernel.of(p.name()));
        }
        t.register(Prims.WHERE, SelectCastKernels.where());
        t.register(Prims.CAST, SelectCastKernels.cast());

        t.register(Prims.REDUCE_SUM, new ReduceKernel(ReduceKernel.Kind.SUM));
        t.register(Prims.REDUCE_PROD, new ReduceKernel(ReduceKernel.Kind.PROD));
        t.register(Prims.REDUCE_MAX, new ReduceKernel(ReduceKernel.Kind.MAX));
        t.register(Prims.REDUCE_MIN, new ReduceKernel(ReduceKernel.Kind.MIN));
        t.register(Prims.ARGMAX, new ArgKernel(true));
        t.register(Prims.ARGMIN, new ArgKernel(false));

        t.register(Prims.RESHAPE, MovementKernels.reshape());
        t.register(Prims.PERMUTE, MovementKernels.permute());
        t.register(Prims.BROADCAST_TO, MovementKernels.broadcastTo());
        t.register(Prims.SLICE, MovementKernels.slice());
        t.register(Prims.PAD, MovementKernels.pad());
        t.register(Prims.CONCAT, MovementKernels.concat());
        t.register(Prims.FLIP, MovementKernels.flip());

        t.register(Prims.GATHER, IndexingKernels.gather());
        t.register(Prims.SCATTER_ADD, IndexingKernels.scatterAdd());

        t.register(Prims.MATMUL, new MatmulKernel());
        t.register(Prims.CONV, new ConvKernel());

        t.register(Prims.REDUCE_WINDOW_MAX, WindowKernels.reduceWindow(true));
        t.register(Prims.REDUCE_WINDOW_SUM, WindowKernels.reduceWindow(false));
        t.register(Prims.SELECT_AND_SCATTER_ADD, WindowKernels.selectAndScatterAdd());
        t.register(Prims.SELECT_AND_GATHER, WindowKernels.selectAndGather());

        t.register(Prims.FULL, CreationKernels.full());
        t.register(Prims.IOTA, CreationKernels.iota());
        t.register(Prims.RANDOM_BITS, CreationKernels.randomBits());

        // Fused composites: one pass instead of the decomposition's.
        t.registerComposite(Prims.SCALED_ADD, new ScaledAddKernel());
        t.registerComposite(Prims.CROSS_ENTROPY, new CrossEntropyKernel());
        t.registerComposite(Prims.CROSS_ENTROPY_GRAD, new CrossEntropyGradKernel());
        return t;
    }

    /** Sets (or replaces) the kernel of {@code p}; composites take {@link #registerComposite}. */
    public void register(Primitive p, CpuKernel kernel) {
        if (p.isComposite()) throw new IllegalArgumentException(p.name() + " is a composite; register it with registerComposite");
        kernels.put(p, kernel);
    }

    /**
     * Sets (or replaces) a fused kernel for composite {@code p}, which then runs as one kernel
     * where that kernel takes the case and as its decomposition where it declines.
     */
    public void registerComposite(Primitive p, CompositeKernel kernel) {
        if (!p.isComposite()) throw new IllegalArgumentException(p.name() + " is a primitive; register it with register");
        composites.put(p, kernel);
    }

    /** The fused kernel of composite {@code p}, or null when it runs as its decomposition. */
    public CompositeKernel composite(Primitive p) { return composites.get(p); }

    /** The kernel of {@code p}, or null. */
    public CpuKernel get(Primitive p) { return kernels.get(p); }

    /** Every entry (a read-only view). */
    public Map<Primitive, CpuKernel> entries() { return Collections.unmodifiableMap(kernels); }
}
