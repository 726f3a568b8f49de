package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One fused group of elementwise ops ({@link FusionPlan.FusionGroup}) as a single pass over
 * memory: the result is walked in runs of at most {@link ElementwiseLoop#CHUNK} elements, and
 * for each run the group's inputs are read once (in place when contiguous F32, else loaded,
 * broadcast or converted), every member is computed on run-sized scratch buffers that stay in
 * the L1 cache, and only the root is written out. Intermediate values never reach main
 * memory, which is what an elementwise chain is bound by.
 *
 * <p>The members run through the same vector loops as the unfused kernels ({@link UnaryFn},
 * {@link BinaryFn}), so a fused group computes exactly what its nodes compute one by one.
 * That exactness is why only F32 groups fuse: every member and input is F32 or BOOL (held as
 * 1 and 0 in the F32 lane, as the unfused kernels do), so keeping intermediates in the lane
 * rounds nothing the unfused graph would not. Scratch buffers are reused as soon as the one
 * member reading a value has run (interior members have exactly one use), so a chain of any
 * length needs only as many buffers as the tree is wide.
 */
public final class FusedElementwise {
    /** What one member computes. */
    private enum Kind { UNARY, BINARY, WHERE, TO_BOOL, COPY }

    /**
     * One member: its op and operands. An operand {@code >= 0} is scratch slot {@code k}; an
     * operand {@code < 0} is group input {@code -1 - k}.
     */
    private record Step(Kind kind, UnaryFn unary, BinaryFn binary, int[] operands, int slot) {}

    private final List<Step> steps;
    private final int slots;
    private final int inputs;
    private final double costNs;

    private FusedElementwise(List<Step> steps, int slots, int inputs, double costNs) {
        this.steps = steps;
        this.slots = slots;
        this.inputs = inputs;
        this.costNs = costNs;
    }

    /**
     * The fused kernel of {@code group} of {@code graph}, or null when the group cannot run
     * fused exactly (a member or input outside F32/BOOL, or an op with no F32 loop).
     */
    public static FusedElementwise of(Graph graph, FusionPlan.FusionGroup group) {
        List<Integer> members = group.members();
        List<Value> in = group.inputs();
        for (Value v : in) if (!laneFits(v.type().dtype())) return null;
        int[] slotOf = new int[graph.size()];
        java.util.Arrays.fill(slotOf, -1);
        boolean[] busy = new boolean[members.size() + 1];
        int slots = 0;
        double cost = 0;
        List<Step> steps = new ArrayList<>(members.size());
        for (int id : members) {
            Node node = graph.node(id);
            if (!laneFits(node.type().dtype())) return null;
            for (Value v : node.inputs()) if (!laneFits(v.type().dtype())) return null;
            Primitive p = node.primitive();
            int[] ops = new int[node.inputs().size()];
            for (int k = 0; k < ops.length; k++) {
                Value v = node.inputs().get(k);
                int s = slotOf[v.id()];
                ops[k] = s >= 0 ? s : -1 - in.indexOf(v);
                // The one use of an interior value: its buffer is free once this member has read it.
                if (s >= 0) busy[s] = false;
            }
            Kind kind;
            UnaryFn u = null;
            BinaryFn bf = null;
            if (p == Prims.WHERE) {
                kind = Kind.WHERE;
            } else if (p == Prims.CAST) {
                kind = node.attrs().get(Keys.DTYPE) == DType.BOOL && node.inputs().get(0).type().dtype() != DType.BOOL ? Kind.TO_BOOL : Kind.COPY;
            } else if (p.category() == Primitive.Category.UNARY) {
                u = UnaryFn.valueOf(p.name().toUpperCase(Locale.ROOT));
                if (!u.accepted.contains(DType.F32) || node.inputs().get(0).type().dtype() != DType.F32) return null;
                kind = Kind.UNARY;
            } else if (p.category() == Primitive.Category.BINARY) {
                bf = BinaryFn.valueOf(p.name().toUpperCase(Locale.ROOT));
                if (!bf.accepted.contains(DType.F32)) return null;
                // Arithmetic on BOOL runs in the integer lane unfused; only comparisons read BOOL as floats exactly.
                boolean compare = node.type().dtype() == DType.BOOL;
                if (!compare && node.inputs().get(0).type().dtype() != DType.F32) return null;
                kind = Kind.BINARY;
            } else {
                return null;
            }
            int slot = 0;
            while (busy[slot]) slot++;
            busy[slot] = true;
            slots = Math.max(slots, slot + 1);
            slotOf[id] = slot;
            cost += u != null ? u.costNs : bf != null ? bf.costNs : 0.3;
            steps.add(new Step(kind, u, bf, ops, slot));
        }
        return new FusedElementwise(steps, slots, in.size(), cost);
    }

    private static boolean laneFits(DType t) { return t == DType.F32 || t == DType.BOOL; }

    /** The number of members. */
    public int size() { return steps.size(); }

    /**
     * Computes the group: {@code in} are the group's inputs in order (any strides, broadcast
     * to the result's shape by stride 0 where their shapes are smaller), {@code out} the root.
     */
    public void run(List<StridedView> in, StridedView out, CpuThreads threads) {
        if (in.size() != inputs) throw new IllegalArgumentException("fused group takes " + inputs + " inputs, got " + in.size());
        long[] shape = out.shape();
        ElementwiseLoop.Operands walk = ElementwiseLoop.Operands.of(in, out);
        long[][] strides = walk.strides();
        long[] offsets = walk.offsets();
        boolean[] scalar = new boolean[inputs];
        for (int k = 0; k < inputs; k++) {
            scalar[k] = true;
            for (long st : strides[k]) scalar[k] &= st == 0;
        }
        ElementwiseLoop.run(shape, strides, offsets, threads, costNs, lease -> {
            Operand[] x = new Operand[inputs];
            for (int k = 0; k < inputs; k++) {
                x[k] = new Operand(in.get(k).segment(), in.get(k).dtype(), Lane.F32, lease);
                // A scalar (every stride 0) is the same run in every chunk: broadcast it once.
                if (scalar[k]) x[k].load(offsets[k], 0, ElementwiseLoop.CHUNK);
            }
            Operand res = new Operand(out.segment(), out.dtype(), Lane.F32, lease);
            MemorySegment[] scratch = slots(slots);
            int last = steps.size() - 1;
            return (off, step, n) -> {
                for (int k = 0; k < inputs; k++) if (!scalar[k]) x[k].load(off[k], step[k], n);
                res.target(off[inputs], step[inputs]);
                for (int i = 0; i <= last; i++) {
                    Step s = steps.get(i);
                    MemorySegment ys = i == last ? res.seg : scratch[s.slot()];
                    long yo = i == last ? res.byteOffset : 0;
                    compute(s, x, scratch, ys, yo, n);
                }
                res.flush(off[inputs], step[inputs], n);
            };
        });
    }

    /**
     * The scratch buffers of one thread, carved from one block at staggered offsets: buffers
     * whose addresses agree in their low 12 bits make the CPU stall a load behind an unrelated
     * store to the same 4 KB offset (measured several times slower on a fused chain).
     */
    private static MemorySegment[] slots(int slots) {
        long run = 4L * ElementwiseLoop.CHUNK, pitch = run + 192;
        MemorySegment block = BLOCK.get();
        if (block.byteSize() < slots * pitch) {
            block = java.lang.foreign.Arena.ofAuto().allocate(slots * pitch, 64);
            BLOCK.set(block);
        }
        MemorySegment[] s = new MemorySegment[slots];
        for (int k = 0; k < slots; k++) s[k] = block.asSlice(k * pitch, run);
        return s;
    }

    /** Each thread's scratch block, grown to the widest group it has run (a fused walk never nests). */
    private static final ThreadLocal<MemorySegment> BLOCK = ThreadLocal.withInitial(() -> MemorySegment.NULL);

    private static void compute(Step s, Operand[] x, MemorySegment[] scratch, MemorySegment ys, long yo, int n) {
        int[] o = s.operands();
        MemorySegment a = seg(o[0], x, scratch);
        long ao = off(o[0], x);
        switch (s.kind()) {
            case UNARY -> s.unary().f32(a, ao, ys, yo, n);
            case BINARY -> s.binary().f32(a, ao, seg(o[1], x, scratch), off(o[1], x), ys, yo, n);
            case WHERE -> where(a, ao, seg(o[1], x, scratch), off(o[1], x), seg(o[2], x, scratch), off(o[2], x), ys, yo, n);
            case TO_BOOL -> toBool(a, ao, ys, yo, n);
            case COPY -> MemorySegment.copy(a, ao, ys, yo, 4L * n);
        }
    }

    private static MemorySegment seg(int operand, Operand[] x, MemorySegment[] scratch) {
        return operand >= 0 ? scratch[operand] : x[-1 - operand].seg;
    }

    private static long off(int operand, Operand[] x) {
        return operand >= 0 ? 0 : x[-1 - operand].byteOffset;
    }

    /** where on lane values: a condition value other than 0 picks {@code p}. */
    private static void where(MemorySegment c, long co, MemorySegment p, long po, MemorySegment q, long qo, MemorySegment y, long yo, int n) {
        int i = 0;
        for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) {
            VectorMask<Float> pick = VecLoops.lf(c, co, i).compare(VectorOperators.NE, 0f);
            VecLoops.sf(VecLoops.lf(q, qo, i).blend(VecLoops.lf(p, po, i), pick), y, yo, i);
        }
        if (i < n) {
            VectorMask<Float> m = VecLoops.FS.indexInRange(i, n);
            VectorMask<Float> pick = VecLoops.lf(c, co, i, m).compare(VectorOperators.NE, 0f);
            VecLoops.sf(VecLoops.lf(q, qo, i, m).blend(VecLoops.lf(p, po, i, m), pick), y, yo, i, m);
        }
    }

    /** cast to BOOL in the lane: 1 where the value is not 0 (NaN included), else 0. */
    private static void toBool(MemorySegment a, long ao, MemorySegment y, long yo, int n) {
        FloatVector zero = FloatVector.zero(VecLoops.FS), one = FloatVector.broadcast(VecLoops.FS, 1f);
        int i = 0;
        for (int bound = VecLoops.FS.loopBound(n); i < bound; i += VecLoops.FL) {
            VecLoops.sf(zero.blend(one, VecLoops.lf(a, ao, i).compare(VectorOperators.NE, 0f)), y, yo, i);
        }
        if (i < n) {
            VectorMask<Float> m = VecLoops.FS.indexInRange(i, n);
            VecLoops.sf(zero.blend(one, VecLoops.lf(a, ao, i, m).compare(VectorOperators.NE, 0f)), y, yo, i, m);
        }
    }
}
