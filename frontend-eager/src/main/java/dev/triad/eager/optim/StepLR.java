package dev.triad.eager.optim;

/** {@code lr = base * gamma^floor(epoch / stepSize)}. */
public class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /** Decays by {@code gamma} every {@code stepSize} epochs. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) throw new IllegalArgumentException("step_size must be >= 1, got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    public double lrAt(int epoch) { return baseLr() * Math.pow(gamma, Math.floorDiv(epoch, stepSize)); }
}
