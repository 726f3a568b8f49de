package dev.triad.eager.optim;

/**
 * A learning-rate schedule: {@link #step()} advances the epoch (or step) counter and sets the
 * optimizer's learning rate to the schedule's closed form at that point, scaled from the
 * optimizer's initial learning rate. Creating a scheduler sets the rate for epoch 0.
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private int lastEpoch;

    /** Attaches to {@code optimizer} and sets its learning rate for epoch 0. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        optimizer.initialLr();
    }

    /** Sets the rate for epoch 0; subclasses call it at the end of their constructor. */
    protected final void start() { optimizer.setLr(lrAt(0)); }

    /** The learning rate at {@code epoch}, given {@link #baseLr()}. */
    public abstract double lrAt(int epoch);

    /** The learning rate the schedule scales (the optimizer's initial learning rate). */
    public final double baseLr() { return optimizer.initialLr(); }

    /** Advances one epoch (or step) and updates the optimizer. */
    public void step() {
        lastEpoch++;
        optimizer.setLr(lrAt(lastEpoch));
    }

    /** The current epoch count. */
    public int lastEpoch() { return lastEpoch; }

    /** The learning rate set by the last step. */
    public double lastLr() { return optimizer.lr(); }

    /** Restores the epoch count (from a checkpoint) and sets the matching learning rate. */
    public void setLastEpoch(int epoch) {
        lastEpoch = epoch;
        optimizer.setLr(lrAt(epoch));
    }
}
