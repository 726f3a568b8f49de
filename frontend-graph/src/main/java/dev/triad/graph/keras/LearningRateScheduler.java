package dev.triad.graph.keras;

import java.util.function.BiFunction;

/**
 * Sets the optimizer's learning rate at the start of each epoch from {@code (epoch, current rate)},
 * like Keras' {@code LearningRateScheduler}. The rate is a variable of the graph, so nothing is
 * recompiled.
 */
public final class LearningRateScheduler implements Callback {
    private final BiFunction<Integer, Double, Double> schedule;

    /** A scheduler computing each epoch's rate with {@code schedule}. */
    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) { this.schedule = schedule; }

    /** Multiplies the rate by {@code factor} every {@code every} epochs (a step decay). */
    public static LearningRateScheduler stepDecay(double factor, int every) {
        return new LearningRateScheduler((epoch, lr) -> epoch > 0 && epoch % every == 0 ? lr * factor : lr);
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        model.setLearningRate(schedule.apply(epoch, model.learningRate()));
    }
}
