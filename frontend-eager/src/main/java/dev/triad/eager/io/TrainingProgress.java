package dev.triad.eager.io;

import dev.triad.spi.io.CorruptFileException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run stands, enough to continue it exactly: the next batch to run is batch
 * {@code batch} of epoch {@code epoch} (the data loader's order derives from {@code seed} and
 * the epoch, so this position is all the loader needs), after {@code step} optimizer steps.
 * {@code notes} carries anything else the trainer wants back (configuration, metric history).
 *
 * @param epoch the epoch in progress (0-based)
 * @param batch the next batch of that epoch (0-based); equal to the epoch's batch count when it is complete
 * @param step  optimizer steps taken so far
 * @param seed  the run's seed
 * @param notes further string values, stored as metadata under {@code note.<key>}
 */
public record TrainingProgress(int epoch, int batch, long step, long seed, Map<String, String> notes) {
    private static final String NOTE = "note.";

    /** Validates and copies. */
    public TrainingProgress {
        if (epoch < 0 || batch < 0 || step < 0) throw new IllegalArgumentException("negative position: epoch " + epoch + ", batch " + batch + ", step " + step);
        notes = Map.copyOf(notes == null ? Map.of() : notes);
    }

    /** As string metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epoch", Integer.toString(epoch));
        m.put("batch", Integer.toString(batch));
        m.put("step", Long.toString(step));
        m.put("seed", Long.toString(seed));
        for (Map.Entry<String, String> e : notes.entrySet()) m.put(NOTE + e.getKey(), e.getValue());
        return m;
    }

    /** Parses {@link #toMetadata()}; a missing or malformed field is a {@link CorruptFileException}. */
    public static TrainingProgress fromMetadata(java.nio.file.Path file, Map<String, String> m) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey().startsWith(NOTE)) notes.put(e.getKey().substring(NOTE.length()), e.getValue());
        }
        try {
            return new TrainingProgress(Integer.parseInt(field(file, m, "epoch")), Integer.parseInt(field(file, m, "batch")),
                    Long.parseLong(field(file, m, "step")), Long.parseLong(field(file, m, "seed")), notes);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException("checkpoint", file, "bad training progress in the metadata: " + e.getMessage());
        }
    }

    private static String field(java.nio.file.Path file, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new CorruptFileException("checkpoint", file, "the metadata has no '" + key + "' (not a Triad training checkpoint?)");
        return v;
    }
}
