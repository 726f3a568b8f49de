package dev.triad.eager.io;

import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.nn.Module;
import dev.triad.eager.optim.Optimizer;
import dev.triad.spi.backend.HostArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves live state between a model and optimizer and a {@link Checkpoint}: a snapshot of both
 * state dicts in host memory, and loading one back (values are copied into the existing
 * parameters and optimizer state, on whatever backend they live).
 */
public final class CheckpointStates {
    private CheckpointStates() {}

    /** Snapshots the model's and optimizer's state dicts with the given progress. */
    public static Checkpoint capture(Module model, Optimizer optimizer, TrainingProgress progress) {
        return new Checkpoint(toHost(model.stateDict()), toHost(optimizer.stateDict()), progress);
    }

    /** Loads a checkpoint's tensors into {@code model} and {@code optimizer} (strict: keys must match). */
    @SuppressWarnings("try") // the scope closes the uploads by being open, not by being referenced
    public static void restore(Checkpoint c, Module model, Optimizer optimizer) {
        // The uploaded copies are temporaries: the model and optimizer copy the values in.
        try (Scope s = Scope.open()) {
            model.loadStateDict(fromHost(c.model()));
            optimizer.loadStateDict(fromHost(c.optimizer()));
        }
    }

    /** Host copies of live tensors, by name. */
    public static Map<String, HostArray> toHost(Map<String, Tensor> tensors) {
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) out.put(e.getKey(), e.getValue().toHost());
        return out;
    }

    /** Tensors on the default backend, by name. */
    public static Map<String, Tensor> fromHost(Map<String, HostArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostArray> e : arrays.entrySet()) out.put(e.getKey(), Tensor.fromHost(e.getValue()));
        return out;
    }
}
