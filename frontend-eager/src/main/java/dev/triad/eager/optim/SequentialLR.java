package dev.triad.eager.optim;

import java.util.List;

/**
 * Runs schedules one after another: schedule {@code i} takes over at epoch
 * {@code milestones[i-1]} and sees epochs counted from there (e.g. a linear warm-up, then
 * cosine annealing).
 */
public class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    /** {@code milestones.length == schedulers.size() - 1}, increasing. */
    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int... milestones) {
        super(optimizer);
        if (schedulers.size() != milestones.length + 1) {
            throw new IllegalArgumentException("expected " + (schedulers.size() - 1) + " milestones for " + schedulers.size() + " schedulers, got " + milestones.length);
        }
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] <= milestones[i - 1]) throw new IllegalArgumentException("milestones must increase");
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        start();
    }

    @Override
    public double lrAt(int epoch) {
        int i = 0;
        while (i < milestones.length && epoch >= milestones[i]) i++;
        int offset = i == 0 ? 0 : milestones[i - 1];
        return schedulers.get(i).lrAt(epoch - offset);
    }
}
