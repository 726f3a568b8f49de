package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.backend.cpu.gen.ChainKernel;
import dev.triad.backend.cpu.gen.ChainKernels;
import dev.triad.backend.cpu.gen.ChainOp;
import dev.triad.backend.cpu.gen.ChainSignature;
import dev.triad.backend.cpu.gen.ChainStep;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fused group of elementwise ops run by a kernel generated for it ({@link ChainKernels}):
 * a single loop that loads each input once per vector, applies the whole chain in registers
 * and stores the root, split over the backend's threads. This is the fast path for compiled
 * graphs; {@link FusedElementwise} (run-by-run over L1 scratch buffers) is the fallback.
 *
 * <p>What is generated: groups whose root and inputs are all F32, or all F64, whose members
 * are F32/F64 or BOOL (held as 1 and 0 in the lane, as the unfused kernels hold them), and
 * whose ops all have a {@link ChainOp}: neg, abs, sqrt, rsqrt, reciprocal, exp, log, log1p,
 * expm1, sin, cos, tanh, logistic, add, sub, mul, div, max, min, the six comparisons, where,
 * and casts between the lane type and BOOL. Each op is the same Vector API expression as its
 * unfused kernel, so results equal the interpreter's bit for bit (for the transcendental ops
 * too, as long as both run JIT-compiled: the Vector API's interpreted fallback and its
 * compiled intrinsics may differ in the last ulp, as for the unfused kernels).
 *
 * <p>What falls back, and to what:
 * <ul>
 *   <li>Groups with another op (sign, floor, ceil, round, erf, pow, rem, integer or bitwise
 *       ops), another dtype (BF16, F16, integers), a BOOL input or a BOOL root: {@link #of}
 *       returns null and the caller uses {@link FusedElementwise} for F32 groups, or runs the
 *       nodes one by one.</li>
 *   <li>An input that walks its innermost dimension with a stride other than 0 or 1
 *       (transposed, flipped, sliced with a step): F32 groups run that call through
 *       {@link FusedElementwise}, which gathers strided runs into scratch; F64 groups (which
 *       have no such fallback) first copy that input to contiguous memory.</li>
 * </ul>
 * Contiguous inputs and broadcasts (a scalar, a row, a column) take the generated path: the
 * walk over the result ({@link ElementwiseLoop}) hands out runs along which every input is
 * either contiguous or one repeated value, and the run's pattern picks the kernel.
 */
public final class GeneratedElementwise {
    /** Longest run handed to a kernel in a flat walk (the kernel counts elements in an int). */
    private static final int MAX_RUN = 1 << 24;

    private final ChainSignature.Lane lane;
    private final DType dtype;
    private final List<ChainStep> steps;
    private final int inputs;
    private final double costNs;
    /** Steps that are a max or min with an input operand: candidates for {@link ChainOp#MAX_SCALAR}/{@link ChainOp#MIN_SCALAR}. */
    private final int[] clampCandidates;
    /** Kernels by steps and broadcast pattern: neither changes often between calls. */
    private final Map<KernelKey, ChainKernel> kernels = new ConcurrentHashMap<>();

    /** What one generated kernel of this group is made for. */
    record KernelKey(List<ChainStep> steps, List<Boolean> broadcast) {}

    private GeneratedElementwise(ChainSignature.Lane lane, DType dtype, List<ChainStep> steps, int inputs) {
        this.lane = lane;
        this.dtype = dtype;
        this.steps = List.copyOf(steps);
        this.inputs = inputs;
        double c = 0;
        for (ChainStep s : steps) c += s.op().costNs();
        this.costNs = c;
        List<Integer> clamps = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            ChainStep step = steps.get(s);
            if ((step.op() == ChainOp.MAX || step.op() == ChainOp.MIN) && (step.operands().get(0) < 0 || step.operands().get(1) < 0)) clamps.add(s);
        }
        this.clampCandidates = clamps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The steps to generate for a call over {@code in}: {@link #steps()}, except that a max or
     * min against an input holding a single value that is neither NaN nor -0.0 (a ReLU's 0, a
     * clamp's bound) becomes {@link ChainOp#MAX_SCALAR}/{@link ChainOp#MIN_SCALAR} with that
     * input second; the result is the same bit for bit, in fewer instructions. The value is
     * read at each call, so a graph fed another bound (say NaN) gets the general op.
     */
    List<ChainStep> stepsFor(List<StridedView> in) {
        if (clampCandidates.length == 0) return steps;
        List<ChainStep> out = null;
        for (int s : clampCandidates) {
            ChainStep step = steps.get(s);
            List<Integer> o = step.operands();
            int scalarAt = isSafeScalar(o.get(1), in) ? 1 : isSafeScalar(o.get(0), in) ? 0 : -1;
            if (scalarAt < 0) continue;
            if (out == null) out = new ArrayList<>(steps);
            ChainOp fast = step.op() == ChainOp.MAX ? ChainOp.MAX_SCALAR : ChainOp.MIN_SCALAR;
            out.set(s, new ChainStep(fast, List.of(o.get(1 - scalarAt), o.get(scalarAt))));
        }
        return out == null ? steps : out;
    }

    /** Whether {@code operand} is an input holding one value that is neither NaN nor -0.0. */
    private boolean isSafeScalar(int operand, List<StridedView> in) {
        if (operand >= 0) return false;
        StridedView v = in.get(-1 - operand);
        // One value: a scalar, or a view that broadcasts one element (every axis of length 1 or stride 0).
        if (v.numel() == 0) return false;
        for (int d = 0; d < v.rank(); d++) if (v.dim(d) != 1 && v.stride(d) != 0) return false;
        long at = v.offset() * lane.bytes();
        double value = lane == ChainSignature.Lane.F32
                ? v.segment().get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, at)
                : v.segment().get(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, at);
        // -0.0 == 0.0, so the sign is read from the bits (a float -0.0 widens to a double -0.0).
        return !Double.isNaN(value) && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0);
    }

    /**
     * The generated kernel of {@code group} of {@code graph}, or null when the generator does
     * not cover the group (see the class comment). Nothing is generated until the first run.
     */
    public static GeneratedElementwise of(Graph graph, FusionPlan.FusionGroup group) {
        DType root = group.type().dtype();
        ChainSignature.Lane lane = root == DType.F32 ? ChainSignature.Lane.F32 : root == DType.F64 ? ChainSignature.Lane.F64 : null;
        if (lane == null) return null;
        List<Value> in = group.inputs();
        for (Value v : in) if (v.type().dtype() != root) return null;
        Map<Integer, Integer> stepOf = new HashMap<>();
        List<ChainStep> steps = new ArrayList<>();
        for (int id : group.members()) {
            Node node = graph.node(id);
            if (!inLane(node.type().dtype(), root)) return null;
            for (Value v : node.inputs()) if (!inLane(v.type().dtype(), root)) return null;
            ChainOp op = opOf(node, root);
            if (op == null) return null;
            List<Integer> operands = new ArrayList<>();
            for (Value v : node.inputs()) {
                Integer s = stepOf.get(v.id());
                operands.add(s != null ? s : -1 - in.indexOf(v));
            }
            stepOf.put(id, steps.size());
            steps.add(new ChainStep(op, operands));
        }
        return new GeneratedElementwise(lane, root, steps, in.size());
    }

    private static boolean inLane(DType t, DType lane) { return t == lane || t == DType.BOOL; }

    /** The chain op computing {@code node} in the lane of {@code lane}, or null. */
    private static ChainOp opOf(Node node, DType lane) {
        Primitive p = node.primitive();
        DType first = node.inputs().get(0).type().dtype();
        if (p == Prims.WHERE) return ChainOp.WHERE;
        if (p == Prims.CAST) {
            DType to = node.attrs().get(Keys.DTYPE);
            if (to == DType.BOOL && first != DType.BOOL) return ChainOp.TO_BOOL;
            // Same type, or BOOL to the lane type: 1 and 0 are already the lane values.
            return ChainOp.COPY;
        }
        if (p.category() != Primitive.Category.UNARY && p.category() != Primitive.Category.BINARY) return null;
        ChainOp op = ChainOp.ofPrimitive(p.name());
        if (op == null) return null;
        // Arithmetic on BOOL runs in the integer lane unfused; only comparisons read BOOL as lane values exactly.
        if (!op.isComparison() && first != lane) return null;
        return op;
    }

    /** The number of members. */
    public int size() { return steps.size(); }

    /** The lane the chain computes in. */
    ChainSignature.Lane lane() { return lane; }

    /** The chain's steps, the root last. */
    List<ChainStep> steps() { return steps; }

    /** The number of inputs. */
    int inputs() { return inputs; }

    /** Rough single-core nanoseconds per element. */
    double costNs() { return costNs; }

    /**
     * Computes the group: {@code in} are the group's inputs in order (broadcast to the
     * result's shape by stride 0 where their shapes are smaller), {@code out} the root.
     *
     * @param fallback the run-by-run kernel of the same group for strided inputs, or null
     */
    public void run(List<StridedView> in, StridedView out, CpuThreads threads, FusedElementwise fallback) {
        if (in.size() != inputs) throw new IllegalArgumentException("fused group takes " + inputs + " inputs, got " + in.size());
        long[] shape = out.shape();
        long n = Dims.numel(shape);
        if (n == 0) return;
        ElementwiseLoop.Operands walk = ElementwiseLoop.Operands.of(in, out);
        long[][] strides = walk.strides();
        long[] offsets = walk.offsets();
        Dims.Coalesced c = Dims.coalesce(shape, strides);
        int last = c.rank() - 1;
        boolean single = c.shape()[last] == 1;
        Boolean[] pattern = new Boolean[inputs];
        List<Integer> strided = new ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            long s = c.strides()[k][last];
            pattern[k] = single || s == 0;
            if (!single && s != 0 && s != 1) strided.add(k);
        }
        if (!single && c.strides()[inputs][last] != 1) throw new IllegalArgumentException("the result of a fused group must be contiguous");
        if (!strided.isEmpty()) {
            if (fallback != null) fallback.run(in, out, threads);
            else run(contiguous(in, strided, threads), out, threads, null);
            return;
        }
        ChainKernel kernel = kernels.computeIfAbsent(new KernelKey(stepsFor(in), List.of(pattern)),
                key -> ChainKernels.of(new ChainSignature(lane, key.steps(), key.broadcast(), ChainSignature.Reduction.NONE)));
        MemorySegment[] segments = new MemorySegment[inputs + 1];
        for (int k = 0; k < inputs; k++) segments[k] = in.get(k).segment();
        segments[inputs] = out.segment();
        int bytes = lane.bytes();
        if (c.rank() == 1) {
            // One flat walk: each part is a few long runs, contiguous operands advance, broadcast ones stay.
            long[] step = new long[inputs + 1];
            for (int k = 0; k <= inputs; k++) step[k] = c.strides()[k][0];
            threads.forParts(n, parts(n, threads), (from, to) -> {
                long[] off = new long[inputs + 1];
                for (long p = from; p < to; p += MAX_RUN) {
                    for (int k = 0; k <= inputs; k++) off[k] = (offsets[k] + p * step[k]) * bytes;
                    kernel.run(segments, off, (int) Math.min(MAX_RUN, to - p));
                }
            });
            return;
        }
        ElementwiseLoop.run(shape, strides, offsets, threads, costNs, lease -> {
            long[] off = new long[inputs + 1];
            return (elementOffsets, ignored, len) -> {
                for (int k = 0; k <= inputs; k++) off[k] = elementOffsets[k] * bytes;
                kernel.run(segments, off, len);
            };
        });
    }

    /**
     * How many parts a flat walk of {@code n} elements is split into: one when the work is
     * too small to share ({@link CpuThreads#partsFor}), else a few per thread (each at least
     * {@link #MIN_PART} elements). The threads claim parts as they go, so on a machine whose
     * cores are shared with other processes a thread that was descheduled takes fewer parts
     * instead of holding everyone up at the end.
     */
    private int parts(long n, CpuThreads threads) {
        int base = threads.partsFor(n, costNs);
        if (base <= 1) return 1;
        return (int) Math.max(base, Math.min((long) PARTS_PER_THREAD * threads.threads(), n / MIN_PART));
    }

    /** Parts per thread of a large flat walk. */
    private static final int PARTS_PER_THREAD = 4;
    /** The fewest elements of a part worth claiming on its own (a few hundred microseconds of streaming). */
    private static final long MIN_PART = 1 << 18;

    /**
     * {@code in} with the inputs at {@code indices} copied to contiguous memory (freed by the
     * garbage collector: this path is for F64 groups over strided views only).
     */
    private List<StridedView> contiguous(List<StridedView> in, List<Integer> indices, CpuThreads threads) {
        List<StridedView> copy = new ArrayList<>(in);
        for (int k : indices) {
            StridedView v = in.get(k);
            MemorySegment seg = Arena.ofAuto().allocate(Math.max(1, v.numel()) * dtype.byteSize(), 64);
            StridedView dst = StridedView.contiguous(seg, v.dtype(), Arrays.copyOf(v.shape(), v.rank()));
            StridedCopy.copy(v, dst, threads);
            copy.set(k, dst);
        }
        return copy;
    }
}
