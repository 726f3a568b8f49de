package dev.triad.backend.cpu.gen;

import java.util.List;

/**
 * What one generated class computes, and the key it is cached by: the lane type, the steps
 * in order (the last is the result), and for each input whether it is broadcast along a run
 * (one value read once per call) or a contiguous run of values. Constants are not part of
 * the signature: a literal is a broadcast input, so chains that differ only in their
 * constants share a class.
 *
 * @param lane the lane type of every value (BOOL values are 1 and 0 in it)
 * @param steps the ops, in an order where every operand is computed before it is read
 * @param broadcast per input: true when it is one value for the whole run
 * @param reduction what happens to the last step's values: stored ({@link Reduction#NONE},
 *     a {@link ChainKernel}) or reduced ({@link ChainReducer})
 */
public record ChainSignature(Lane lane, List<ChainStep> steps, List<Boolean> broadcast, Reduction reduction) {
    /** What the chain does with its result. */
    public enum Reduction {
        /** Stores it: an elementwise chain. */ NONE,
        /** Sums it. */ SUM,
        /** Takes its maximum (NaN propagating). */ MAX,
        /** Takes its minimum (NaN propagating). */ MIN
    }

    /**
     * Elements per block of a reducing chain: each block is reduced in vector lanes and its
     * lanes are written out, so the caller can combine blocks exactly as the unfused
     * reduction kernel does (which adds float lanes for at most this many elements).
     */
    public static final int REDUCE_BLOCK = 512;

    /** The lane types a chain computes in. */
    public enum Lane {
        /** float, {@code FloatVector}. */ F32(4),
        /** double, {@code DoubleVector}. */ F64(8);

        private final int bytes;

        Lane(int bytes) { this.bytes = bytes; }

        /** Bytes per value. */
        public int bytes() { return bytes; }
    }

    /** Copies the lists and checks that every operand names an input or an earlier step. */
    public ChainSignature {
        steps = List.copyOf(steps);
        if (reduction == null) throw new IllegalArgumentException("a chain needs a reduction (NONE for an elementwise one)");
        broadcast = List.copyOf(broadcast);
        if (steps.isEmpty()) throw new IllegalArgumentException("a chain needs at least one step");
        for (int s = 0; s < steps.size(); s++) {
            for (int operand : steps.get(s).operands()) {
                boolean ok = operand >= 0 ? operand < s : -1 - operand < broadcast.size();
                if (!ok) throw new IllegalArgumentException("step " + s + " (" + steps.get(s).op() + ") reads operand " + operand
                        + ", which is neither an earlier step nor one of the " + broadcast.size() + " inputs");
            }
        }
    }

    /** The number of inputs. */
    public int inputs() { return broadcast.size(); }

    /** Rough single-core nanoseconds per element of the whole chain, for the parallel split. */
    public double costNs() {
        double c = 0;
        for (ChainStep s : steps) c += s.op().costNs();
        return c;
    }

    /** The chain in one line, e.g. {@code f32 (x0, b1) mul(x0, b1) neg(%0)}, for class names, logs and tests. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(lane.name().toLowerCase(java.util.Locale.ROOT)).append(" (");
        for (int k = 0; k < broadcast.size(); k++) b.append(k > 0 ? ", " : "").append(broadcast.get(k) ? "b" : "x").append(k);
        b.append(')');
        for (ChainStep s : steps) {
            b.append(' ').append(s.op().name().toLowerCase(java.util.Locale.ROOT)).append('(');
            for (int j = 0; j < s.operands().size(); j++) {
                int o = s.operands().get(j);
                b.append(j > 0 ? ", " : "").append(o >= 0 ? "%" + o : (broadcast.get(-1 - o) ? "b" : "x") + (-1 - o));
            }
            b.append(')');
        }
        if (reduction != Reduction.NONE) b.append(" reduce_").append(reduction.name().toLowerCase(java.util.Locale.ROOT));
        return b.toString();
    }
}
