package dev.triad.graph.keras;

import dev.triad.spi.backend.HostArray;

import java.util.Map;

/**
 * Stops training when a monitored value has stopped improving for {@code patience} epochs, like
 * Keras' {@code EarlyStopping}. Values whose name contains {@code acc} improve upwards, others
 * (losses) downwards. Optionally restores the weights of the best epoch at the end.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private Map<String, HostArray> bestWeights;

    /**
     * @param monitor the log to watch, e.g. {@code val_loss}
     * @param minDelta the least change that counts as an improvement
     * @param patience epochs without improvement before stopping
     * @param restoreBestWeights whether to restore the best epoch's weights when training ends
     */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0) throw new IllegalArgumentException("patience must be non-negative, got " + patience);
        this.monitor = monitor;
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    private boolean maximise() { return monitor.contains("acc"); }

    @Override
    public void onTrainBegin(Model model) {
        best = maximise() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (v == null) throw new IllegalStateException("early stopping monitors '" + monitor + "' but the logs only have " + logs.keySet());
        boolean improved = maximise() ? v > best + minDelta : v < best - minDelta;
        if (improved) {
            best = v;
            wait = 0;
            if (restoreBestWeights) bestWeights = model.getWeights();
        } else if (++wait >= patience) {
            stoppedEpoch = epoch;
            model.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Model model) {
        if (restoreBestWeights && bestWeights != null && stoppedEpoch >= 0) model.setWeights(bestWeights);
    }

    /** The epoch training stopped at, or -1 if it ran to the end. */
    public int stoppedEpoch() { return stoppedEpoch; }
}
