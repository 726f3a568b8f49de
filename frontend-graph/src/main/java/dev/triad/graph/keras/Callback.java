package dev.triad.graph.keras;

import java.util.Map;

/**
 * Hooks into {@link Model#fit}, as Keras callbacks do. Logs map metric names ({@code loss},
 * {@code accuracy}, and {@code val_loss}, ... with validation data) to values; epoch logs are
 * the epoch's means. A callback stops training with {@link Model#stopTraining()}.
 */
public interface Callback {
    /** Before the first epoch. */
    default void onTrainBegin(Model model) {}

    /** Before epoch {@code epoch} (0-based). */
    default void onEpochBegin(Model model, int epoch) {}

    /** After batch {@code batch} of the current epoch, with that batch's values. */
    default void onBatchEnd(Model model, int batch, Map<String, Double> logs) {}

    /** After epoch {@code epoch}, with its means (and validation results). */
    default void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {}

    /** After the last epoch (or the one a callback stopped at). */
    default void onTrainEnd(Model model) {}
}
