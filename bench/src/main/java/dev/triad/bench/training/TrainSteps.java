package dev.triad.bench.training;

import dev.triad.bench.check.CheckFailedException;
import dev.triad.bench.check.CheckOutcome;
import dev.triad.spi.backend.Backend;

import java.util.List;
import java.util.Locale;

/** The front-ends a training step can run on, and the check every step runs once. */
public final class TrainSteps {
    private TrainSteps() {}

    /** Front-ends with a training step here, in report order. */
    public static final List<String> FRONTENDS = List.of("eager", "graph", "functional");

    /** A fresh step of {@code frontend} for {@code spec} on {@code backend}. */
    public static TrainStep create(String frontend, TrainSpec spec, Backend backend) {
        return switch (frontend) {
            case "eager" -> new EagerTrainStep(spec, backend);
            case "graph" -> new GraphTrainStep(spec, backend);
            case "functional" -> new FunctionalTrainStep(spec, backend);
            default -> throw new IllegalArgumentException("unknown front-end '" + frontend + "'; expected one of " + FRONTENDS);
        };
    }

    /** Relative tolerance of a loss: float32 training against the float64 reference. */
    static final double RTOL = 5e-4;

    /**
     * Runs the first two steps of a fresh {@code step} and compares both losses with
     * {@link ReferenceTrainer}. The second loss is only meaningful if step one moved it by far
     * more than the tolerance, which is asserted too.
     */
    public static CheckOutcome checkFirstTwoSteps(String what, TrainSpec spec, TrainStep step) {
        double[] ref = ReferenceTrainer.losses(spec, 2);
        if (Math.abs(ref[1] - ref[0]) < 20 * RTOL * Math.abs(ref[0])) {
            throw new IllegalStateException(what + ": step one of the reference barely moves the loss (" + ref[0] + " -> " + ref[1]
                    + "), so the second loss would not check the update; use a larger learning rate");
        }
        double[] got = {step.step(), step.step()};
        double maxAbs = 0, worst = 0;
        for (int i = 0; i < 2; i++) {
            double err = Math.abs(got[i] - ref[i]);
            if (!(err <= RTOL * Math.abs(ref[i]))) {
                throw new CheckFailedException(String.format(Locale.ROOT, "%s: the loss of step %d is %.7f but the float64 reference trainer gives %.7f (rel err %.2g > %.1g)",
                        what, i + 1, got[i], ref[i], err / Math.abs(ref[i]), RTOL));
            }
            maxAbs = Math.max(maxAbs, err);
            worst = Math.max(worst, err / (RTOL * Math.abs(ref[i])));
        }
        return new CheckOutcome(2, maxAbs, worst, String.format(Locale.ROOT, "losses of steps 1-2 vs float64 trainer, rtol %.0g", RTOL));
    }
}
