package dev.triad.functional;

import dev.triad.spi.graph.Graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vmap} of a jitted function at the top level, compiled as JAX does it: the traced graph
 * is batched by re-interpreting it under a {@link BatchTrace} inside a second {@code jit}, whose
 * compiled executable then runs on the whole batch at once. Used when the only active
 * transformation is that {@code vmap} and the batched values are concrete; otherwise the graph
 * is simply re-interpreted under the active traces.
 */
final class BatchedCall {
    private BatchedCall() {}

    /**
     * The outputs of {@code graph} for {@code inputs}, as tracers of the active {@code vmap}, or
     * null when the call is not a top-level {@code vmap} of concrete values.
     *
     * @param cores the compiled batched graphs of this graph, by batch axes and size
     */
    @SuppressWarnings("unchecked")
    static List<Array> tryCall(Graph graph, List<Array> inputs, Map<List<Long>, JitCore> cores) {
        if (!(TraceStack.single() instanceof BatchTrace b)) return null;
        List<Long> key = new ArrayList<>(inputs.size() + 1);
        List<Array> lower = new ArrayList<>(inputs.size());
        for (Array x : inputs) {
            Array v = b.value(x);
            if (!v.isConcrete()) return null;
            lower.add(v);
            key.add((long) b.batchDim(x));
        }
        key.add(b.axisSize());
        int[] dims = new int[inputs.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) (long) key.get(i);
        long size = b.axisSize();
        JitCore core = cores.computeIfAbsent(List.copyOf(key), k -> new JitCore(args -> batched(graph, dims, size, (List<Array>) args[0]), new int[0]));
        List<Array> out = (List<Array>) core.call(new Object[] {lower});
        List<Array> tracers = new ArrayList<>(out.size());
        for (Array y : out) tracers.add(b.tracer(y, 0));
        return tracers;
    }

    /** The graph's outputs for batched {@code inputs} (axes {@code dims}, -1 unbatched), each batched at axis 0. */
    private static List<Array> batched(Graph graph, int[] dims, long size, List<Array> inputs) {
        try (var entry = TraceStack.push(level -> new BatchTrace(level, size))) {
            BatchTrace t = entry.trace();
            List<Array> tracers = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) tracers.add(dims[i] < 0 ? inputs.get(i) : t.tracer(inputs.get(i), dims[i]));
            List<Array> out = new ArrayList<>();
            for (Array y : GraphEval.interpret(graph, tracers)) out.add(t.materialize(y, 0));
            return out;
        }
    }
}
