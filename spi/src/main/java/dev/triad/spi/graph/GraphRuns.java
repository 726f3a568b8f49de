package dev.triad.spi.graph;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The bookkeeping every executable of a {@link Graph} shares, whether it interprets node by node
 * ({@link Interpreter}) or runs fused groups (the backends' compiled executables): which nodes
 * a run needs, uploading literals, walking the nodes in order, checking the inputs against the
 * signature, closing an intermediate after its last use, and handing the outputs to the caller.
 * An executable only says how it computes an op node ({@link OpStep}).
 */
public final class GraphRuns {
    private GraphRuns() {}

    /**
     * Which nodes a run needs (the outputs and, transitively, what they read) and how many reads
     * of each node a run makes.
     */
    public record Liveness(boolean[] needed, int[] uses) {
        /** Liveness when every op node reads its inputs. */
        public static Liveness of(Graph graph) { return of(graph, id -> graph.node(id).inputs()); }

        /**
         * Liveness when node {@code id} reads {@code reads.apply(id)} (a fused group's root reads the
         * group's inputs, say).
         */
        public static Liveness of(Graph graph, IntFunction<List<Value>> reads) {
            int n = graph.size();
            boolean[] needed = new boolean[n];
            int[] uses = new int[n];
            for (Value v : graph.outputs()) {
                needed[v.id()] = true;
                uses[v.id()]++;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (!needed[i]) continue;
                for (Value v : reads.apply(i)) {
                    needed[v.id()] = true;
                    uses[v.id()]++;
                }
            }
            return new Liveness(needed, uses);
        }
    }

    /**
     * The needed literals of {@code graph} uploaded to {@code backend}, by node id (null for other
     * nodes); when an upload fails, those already made are closed.
     */
    public static DeviceArray[] uploadLiterals(Graph graph, Backend backend, boolean[] needed) {
        DeviceArray[] literals = new DeviceArray[graph.size()];
        try {
            for (Node node : graph.nodes()) {
                if (node.kind() == Node.Kind.LITERAL && needed[node.id()]) literals[node.id()] = backend.upload(node.literalData());
            }
        } catch (RuntimeException e) {
            closeAll(literals);
            throw e;
        }
        return literals;
    }

    /** Closes every array in {@code arrays} and clears its slot. */
    public static void closeAll(DeviceArray[] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                arrays[i].close();
                arrays[i] = null;
            }
        }
    }

    /** One run's values, as an {@link OpStep} sees them. */
    public static final class Run {
        private final DeviceArray[] values;
        private final int[] remaining;
        private final boolean[] owned;

        private Run(int n, int[] uses) {
            values = new DeviceArray[n];
            remaining = uses.clone();
            owned = new boolean[n];
        }

        /** Every node's value so far, by id (null where not computed or already released). */
        public DeviceArray[] values() { return values; }

        /** Node {@code id}'s value is {@code a}, an array this run made: it is closed after its last use. */
        public void own(int id, DeviceArray a) {
            values[id] = a;
            owned[id] = true;
        }

        /** Drops one read of node {@code id} (see {@link GraphRuns#release}). */
        public void release(int id) { GraphRuns.release(id, values, remaining, owned); }
    }

    /** Computes one op node: sets its value with {@link Run#own} and releases what it read for the last time. */
    @FunctionalInterface
    public interface OpStep {
        /** Computes {@code node} in {@code run}. */
        void compute(Node node, Run run);
    }

    /**
     * One run of {@code graph}: checks the inputs, then walks the nodes with {@code runs[id]} set
     * in order — parameters from {@code inputs}, literals from {@code literals}, op nodes through
     * {@code step} — and hands out the outputs. On failure every array the run made is closed.
     *
     * @param uses reads of each node in a run ({@link Liveness#uses()})
     */
    public static List<DeviceArray> run(Graph graph, Backend backend, List<DeviceArray> inputs, int[] uses, boolean[] runs,
                                        DeviceArray[] literals, OpStep step) {
        checkInputs(graph, backend, inputs);
        Run run = new Run(graph.size(), uses);
        List<Value> params = graph.parameters();
        for (int k = 0; k < params.size(); k++) run.values[params.get(k).id()] = inputs.get(k);
        try {
            for (Node node : graph.nodes()) {
                int id = node.id();
                if (!runs[id]) continue;
                switch (node.kind()) {
                    case PARAMETER -> { }
                    case LITERAL -> run.values[id] = literals[id];
                    case OP -> step.compute(node, run);
                }
            }
            return collectOutputs(graph, run.values, run.owned);
        } catch (RuntimeException e) {
            for (int i = 0; i < run.values.length; i++) if (run.owned[i] && run.values[i] != null) run.values[i].close();
            throw e;
        }
    }

    /** Checks {@code inputs} against {@code graph}'s parameters: count, liveness, backend, dtype and shape. */
    public static void checkInputs(Graph graph, Backend backend, List<DeviceArray> inputs) {
        List<TensorType> expected = graph.parameterTypes();
        if (inputs.size() != expected.size()) {
            throw new ArityException("graph", "got " + inputs.size() + " input(s); the graph has " + expected.size()
                    + " parameter(s) " + expected);
        }
        List<Value> params = graph.parameters();
        for (int k = 0; k < expected.size(); k++) {
            DeviceArray a = inputs.get(k);
            TensorType want = expected.get(k);
            String which = "parameter " + k + " (" + params.get(k) + ")";
            if (a == null) throw new TriadException("graph", which + " got null; expected " + want);
            if (a.isClosed()) throw new TriadException("graph", which + " got an array " + a.type() + " that was already closed");
            if (a.backend() != backend) {
                throw new TriadException("graph", which + " got an array on backend '" + a.backend().name()
                        + "' but the graph runs on '" + backend.name() + "'; move it first");
            }
            if (a.dtype() != want.dtype()) throw new DTypeException("graph", which + " expects " + want + " but got " + a.type());
            if (!a.shape().equals(want.shape())) throw new ShapeException("graph", which + " expects " + want + " but got " + a.type());
        }
    }

    /** Drops one use of node {@code id}; the last use closes an array the run made. */
    public static void release(int id, DeviceArray[] values, int[] remaining, boolean[] owned) {
        if (--remaining[id] == 0 && owned[id]) {
            values[id].close();
            values[id] = null;
            owned[id] = false;
        }
    }

    /**
     * The outputs of {@code graph}, each one the caller's: the run's own array the first time, a
     * new view after that or for inputs and literals. On failure nothing handed out leaks.
     */
    public static List<DeviceArray> collectOutputs(Graph graph, DeviceArray[] values, boolean[] owned) {
        List<DeviceArray> out = new ArrayList<>(graph.outputs().size());
        try {
            for (Value v : graph.outputs()) {
                int id = v.id();
                DeviceArray a = values[id];
                if (owned[id]) {
                    // Handed out: later occurrences of the same value get views of it.
                    owned[id] = false;
                    out.add(a);
                } else {
                    out.add(a.view(a.offset(), a.shape(), a.strides()));
                }
            }
        } catch (RuntimeException e) {
            for (DeviceArray a : out) a.close();
            throw e;
        }
        return out;
    }
}
