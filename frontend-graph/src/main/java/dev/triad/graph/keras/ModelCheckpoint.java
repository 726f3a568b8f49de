package dev.triad.graph.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model (graph, weights and optimizer state) after each epoch, or only when the
 * monitored value improved, like Keras' {@code ModelCheckpoint}. The directory holds what
 * {@link Model#save} writes; {@link Model#load} continues from it.
 */
public final class ModelCheckpoint implements Callback {
    private final Path directory;
    private final String monitor;
    private final boolean saveBestOnly;
    private double best = Double.NaN;
    private int saves;

    /**
     * @param directory where to save
     * @param monitor the value deciding "best" (ignored unless {@code saveBestOnly})
     * @param saveBestOnly save only when {@code monitor} improved
     */
    public ModelCheckpoint(Path directory, String monitor, boolean saveBestOnly) {
        this.directory = directory;
        this.monitor = monitor;
        this.saveBestOnly = saveBestOnly;
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double v = logs.get(monitor);
            if (v == null) throw new IllegalStateException("checkpoint monitors '" + monitor + "' but the logs only have " + logs.keySet());
            boolean up = monitor.contains("acc");
            if (!Double.isNaN(best) && (up ? v <= best : v >= best)) return;
            best = v;
        }
        try {
            model.save(directory);
            saves++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint to " + directory, e);
        }
    }

    /** How many times the model was saved. */
    public int saves() { return saves; }
}
