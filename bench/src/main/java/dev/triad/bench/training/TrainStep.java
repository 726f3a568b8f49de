package dev.triad.bench.training;

/** One front-end's training step on one backend, with its model, optimizer state and batch resident. */
public interface TrainStep extends AutoCloseable {
    /**
     * Runs one step (forward, backward, update) and returns the loss computed before the update.
     * The device has finished all of the step's work when it returns.
     */
    double step();

    /** Releases the model, optimizer state and batch. */
    @Override
    void close();
}
