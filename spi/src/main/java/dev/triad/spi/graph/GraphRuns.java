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

/**
 * The bookkeeping every executable of a {@link Graph} shares, whether it interprets node by node
 * ({@link Interpreter}) or runs fused groups (the backends' compiled executables): checking the
 * inputs against the signature, closing an intermediate after its last use, and handing the
 * outputs to the caller.
 */
public final class GraphRuns {
    private GraphRuns() {}

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
