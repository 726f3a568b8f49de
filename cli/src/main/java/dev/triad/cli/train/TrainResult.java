package dev.triad.cli.train;

/**
 * What a training run did, for the summary and the report.
 *
 * @param options       the options it ran with
 * @param backend       the backend's name
 * @param device        the device it trained on
 * @param parameters    number of trainable parameters
 * @param trainExamples training examples per epoch
 * @param steps         optimizer steps in total
 * @param stoppedEarly  true when {@code --max-steps} ended the run before the last epoch ended
 * @param history       the curve and per-epoch results (including those before a resume)
 */
public record TrainResult(TrainOptions options, String backend, String device, long parameters, int trainExamples,
                          long steps, boolean stoppedEarly, TrainHistory history) {
    /** The last epoch's test accuracy, or NaN when no epoch finished. */
    public double finalTestAccuracy() {
        var e = history.epochs();
        return e.isEmpty() ? Double.NaN : e.getLast().testAccuracy();
    }
}
