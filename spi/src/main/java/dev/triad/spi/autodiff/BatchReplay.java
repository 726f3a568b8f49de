package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batching over a recorded tape: replays a program traced on unbatched placeholders on real
 * values that carry a batch axis, with each primitive's batching rule. Steps that depend on
 * no batched value run once, unbatched.
 */
final class BatchReplay {
    private BatchReplay() {}

    /**
     * Replays {@code steps} (traced over {@code placeholders}) on {@code inputs}.
     *
     * @return the value standing for {@code result}, always with its batch axis at 0 (a
     *     result that does not depend on a batched input is broadcast over the batch)
     */
    static <T> Batched<T> run(Ops<T> ops, List<Step<Symbolic.Value>> steps, List<Symbolic.Value> placeholders,
                              List<T> inputs, int[] dims, Symbolic.Value result) {
        Map<Symbolic.Value, Batched<T>> env = new IdentityHashMap<>();
        for (int i = 0; i < placeholders.size(); i++) env.put(placeholders.get(i), new Batched<>(inputs.get(i), dims[i]));
        for (Step<Symbolic.Value> s : steps) {
            int n = s.inputs().size();
            List<T> values = new ArrayList<>(n);
            int[] bd = new int[n];
            boolean batched = false;
            for (int i = 0; i < n; i++) {
                Batched<T> b = env.get(s.inputs().get(i));
                if (b == null) throw new IllegalStateException("step " + s.primitive().name() + " uses a value the trace never produced");
                values.add(b.value());
                bd[i] = b.batchDim();
                batched |= bd[i] != Batched.NOT_BATCHED;
            }
            Batched<T> out = batched
                    ? s.primitive().batch(ops, values, bd, s.attrs())
                    : new Batched<>(ops.apply(s.primitive(), s.attrs(), values), Batched.NOT_BATCHED);
            env.put(s.output(), out);
        }
        Batched<T> r = env.get(result);
        if (r == null) throw new IllegalStateException("the traced result was never produced");
        if (r.batchDim() == Batched.NOT_BATCHED) {
            long size = Batching.batchSize(ops, inputs, dims);
            T x = r.value();
            return new Batched<>(ops.broadcastTo(ops.expandDims(x, 0), ops.shape(x).insert(0, size)), 0);
        }
        return new Batched<>(Batching.toFront(ops, r.value(), r.batchDim()), 0);
    }
}
