package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.backend.cpu.gen.ChainKernels;
import dev.triad.backend.cpu.gen.ChainReducer;
import dev.triad.backend.cpu.gen.ChainSignature;
import dev.triad.spi.graph.Node;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reduction whose input is a generated fused group ({@link GeneratedElementwise}) read by
 * nothing else: reduce_sum, reduce_max or reduce_min over the trailing axes (the last one, a
 * few last ones, or all), computed in one pass by a generated {@link ChainReducer}, so the
 * group's result never reaches memory.
 *
 * <p>It reduces in exactly the order of the unfused {@link ReduceKernel} on a contiguous
 * input ({@code Runs}): per result element, blocks of {@link ChainSignature#REDUCE_BLOCK}
 * elements accumulate in vector lanes; for a sum each block's lanes are added in lane order
 * in float (F32) and the block sums in double, for max and min lanes combine with
 * {@link Math#max}/{@link Math#min}; the double result is rounded once to the result type.
 * So a fused reduction gives the unfused graph's result bit for bit.
 *
 * <p>Falls back ({@link #run} returns false, and the caller computes the group and then the
 * reduction) when an input of the group, within one row of the reduction, is neither
 * contiguous nor one repeated value (transposed or strided views, or a broadcast along only
 * some of the reduced axes).
 */
public final class GeneratedReduction {
    private final GeneratedElementwise chain;
    private final ChainSignature.Reduction reduction;
    /** The number of trailing axes reduced. */
    private final int reducedAxes;
    private final Map<GeneratedElementwise.KernelKey, ChainReducer> reducers = new ConcurrentHashMap<>();

    private GeneratedReduction(GeneratedElementwise chain, ChainSignature.Reduction reduction, int reducedAxes) {
        this.chain = chain;
        this.reduction = reduction;
        this.reducedAxes = reducedAxes;
    }

    /**
     * The fused reduction of {@code reduce} over the group computed by {@code chain} (the
     * group's root must be the reduction's input and have no other use), or null when it does
     * not fuse: another reduction (prod), axes that are not the trailing ones, or a last axis
     * of length 1 (which the unfused kernel walks differently).
     */
    public static GeneratedReduction of(GeneratedElementwise chain, Node reduce) {
        ChainSignature.Reduction r = reduce.primitive() == Prims.REDUCE_SUM ? ChainSignature.Reduction.SUM
                : reduce.primitive() == Prims.REDUCE_MAX ? ChainSignature.Reduction.MAX
                : reduce.primitive() == Prims.REDUCE_MIN ? ChainSignature.Reduction.MIN : null;
        if (r == null) return null;
        long[] shape = reduce.inputs().get(0).type().shape().toArray();
        int rank = shape.length;
        if (rank == 0 || shape[rank - 1] < 2) return null;
        int[] axes = reduce.attrs().get(Keys.AXES).clone();
        Arrays.sort(axes);
        if (axes.length == 0) return null;
        for (int k = 0; k < axes.length; k++) if (axes[k] != rank - axes.length + k) return null;
        DType t = reduce.type().dtype();
        if (t != DType.F32 && t != DType.F64) return null;
        return new GeneratedReduction(chain, r, axes.length);
    }

    /**
     * Computes the reduction of the group into {@code out} (contiguous, one element per kept
     * index), or returns false, having written nothing, when the inputs' layout is not covered.
     *
     * @param in the group's inputs in order, broadcast to the group's shape by stride 0
     * @param shape the group's (the reduction input's) shape
     */
    public boolean run(List<StridedView> in, long[] shape, StridedView out, CpuThreads threads) {
        int rank = shape.length, k = chain.inputs();
        long[] outerShape = Arrays.copyOf(shape, rank - reducedAxes);
        long[] innerShape = Arrays.copyOfRange(shape, rank - reducedAxes, rank);
        long rows = Dims.numel(outerShape), rowLen = Dims.numel(innerShape);
        if (rows == 0 || rowLen == 0 || rowLen > Integer.MAX_VALUE) return false;
        long[][] outerStrides = new long[k][];
        long[][] innerStrides = new long[k][];
        for (int j = 0; j < k; j++) {
            StridedView v = in.get(j);
            long[] st = Dims.broadcastStrides(v.shape(), v.strides(), shape);
            outerStrides[j] = Arrays.copyOf(st, rank - reducedAxes);
            innerStrides[j] = Arrays.copyOfRange(st, rank - reducedAxes, rank);
        }
        // Within a row every input must be one run (stride 1) or one value (stride 0).
        Dims.Coalesced inner = Dims.coalesce(innerShape, innerStrides);
        if (inner.rank() != 1) return false;
        Boolean[] pattern = new Boolean[k];
        for (int j = 0; j < k; j++) {
            long s = inner.strides()[j][0];
            if (s != 0 && s != 1) return false;
            pattern[j] = s == 0;
        }
        ChainReducer reducer = reducers.computeIfAbsent(new GeneratedElementwise.KernelKey(chain.stepsFor(in), List.of(pattern)),
                key -> ChainKernels.reducer(new ChainSignature(chain.lane(), key.steps(), key.broadcast(), reduction)));
        MemorySegment[] segments = new MemorySegment[k];
        for (int j = 0; j < k; j++) segments[j] = in.get(j).segment();
        int bytes = chain.lane().bytes();
        boolean f32 = chain.lane() == ChainSignature.Lane.F32;
        int lanes = f32 ? VecLoops.FL : VecLoops.DL;
        long blocks = (rowLen + ChainSignature.REDUCE_BLOCK - 1) / ChainSignature.REDUCE_BLOCK;
        double blockCost = ChainSignature.REDUCE_BLOCK * (chain.costNs() + 0.3);
        if (rows < threads.threads() && threads.partsFor(blocks, blockCost) > 1) {
            // Few long rows (a sum of everything): split each row by blocks instead. Blocks are
            // independent, and only their combination, done here in order, fixes the result.
            // Each part also folds its blocks' lanes (the per-block step), so only the fold over
            // blocks is left to this thread.
            long[] off = new long[k];
            double[] blockValues = new double[(int) blocks];
            try (Arena arena = Arena.ofShared()) {
                MemorySegment partials = arena.allocate(blocks * lanes * bytes, 64);
                for (long row = 0; row < rows; row++) {
                    for (int j = 0; j < k; j++) off[j] = (in.get(j).offset() + Dims.offsetOf(row, outerShape, outerStrides[j])) * bytes;
                    threads.forRange(blocks, blockCost, (b0, b1) -> {
                        long[] at = new long[k];
                        long first = b0 * ChainSignature.REDUCE_BLOCK;
                        for (int j = 0; j < k; j++) at[j] = off[j] + (pattern[j] ? 0 : first * bytes);
                        int len = (int) (Math.min(rowLen, b1 * ChainSignature.REDUCE_BLOCK) - first);
                        reducer.reduce(segments, at, len, partials.asSlice(b0 * lanes * bytes));
                        for (long b = b0; b < b1; b++) blockValues[(int) b] = blockValue(partials, b, lanes, f32);
                    });
                    double run = identity();
                    for (double v : blockValues) run = fold(run, v);
                    Convert.setDouble(out.segment(), out.offset() + row, out.dtype(), fold(identity(), run));
                }
            }
            return true;
        }
        threads.forRange(rows, rowLen * (chain.costNs() + 0.3) + 5, (from, to) -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment partials = arena.allocate(blocks * lanes * bytes, 64);
                long[] off = new long[k];
                for (long row = from; row < to; row++) {
                    for (int j = 0; j < k; j++) off[j] = (in.get(j).offset() + Dims.offsetOf(row, outerShape, outerStrides[j])) * bytes;
                    reducer.reduce(segments, off, (int) rowLen, partials);
                    Convert.setDouble(out.segment(), out.offset() + row, out.dtype(), combine(partials, blocks, lanes, f32));
                }
            }
        });
        return true;
    }

    /**
     * Combines the blocks' lanes as {@code Runs} and {@code ReduceKernel} do, in the same
     * order: each block's lanes in lane order ({@link #blockValue}), the blocks in order, and
     * finally the identity with the row's value.
     */
    private double combine(MemorySegment partials, long blocks, int lanes, boolean f32) {
        double run = identity();
        for (long b = 0; b < blocks; b++) run = fold(run, blockValue(partials, b, lanes, f32));
        return fold(identity(), run);
    }

    /**
     * One block's lanes folded in lane order: a sum in the lane type ({@code VecLoops.sumLanes}),
     * a max or min from the identity (which, being associative even for NaN and signed zeros,
     * gives what folding every lane into the row's value in turn gives).
     */
    private double blockValue(MemorySegment partials, long block, int lanes, boolean f32) {
        long base = block * lanes;
        if (reduction == ChainSignature.Reduction.SUM) {
            if (f32) {
                float sum = 0f;
                for (int l = 0; l < lanes; l++) sum += partials.getAtIndex(ValueLayout.JAVA_FLOAT, base + l);
                return sum;
            }
            double sum = 0d;
            for (int l = 0; l < lanes; l++) sum += partials.getAtIndex(ValueLayout.JAVA_DOUBLE, base + l);
            return sum;
        }
        double run = identity();
        for (int l = 0; l < lanes; l++) {
            run = fold(run, f32 ? partials.getAtIndex(ValueLayout.JAVA_FLOAT, base + l) : partials.getAtIndex(ValueLayout.JAVA_DOUBLE, base + l));
        }
        return run;
    }

    /** The reduction's starting value: 0, -inf or +inf. */
    private double identity() {
        return switch (reduction) {
            case SUM -> 0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            case NONE -> throw new IllegalStateException("not a reduction");
        };
    }

    /** One step of the reduction in double: {@code acc + v}, {@link Math#max} or {@link Math#min}. */
    private double fold(double acc, double v) {
        return switch (reduction) {
            case SUM -> acc + v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
            case NONE -> throw new IllegalStateException("not a reduction");
        };
    }

    /** The reduction and its prologue, for messages. */
    @Override
    public String toString() {
        return "reduce_" + reduction.name().toLowerCase(java.util.Locale.ROOT) + " over the last " + reducedAxes + " axes of a " + chain.size() + "-op chain";
    }
}
