package dev.triad.eager.optim;

/**
 * Linear warm-up (or decay) of the factor from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then constant: {@code lr = base * (start + (end - start) * min(t, total) / total)}.
 */
public class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /** Every option. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (startFactor <= 0 || startFactor > 1 || endFactor < 0 || endFactor > 1) {
            throw new IllegalArgumentException("factors must be in (0, 1] (start) and [0, 1] (end), got " + startFactor + ", " + endFactor);
        }
        if (totalIters < 1) throw new IllegalArgumentException("total_iters must be >= 1, got " + totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        start();
    }

    /** Warm-up from {@code base * startFactor} to {@code base} over {@code totalIters} steps. */
    public static LinearLR warmup(Optimizer optimizer, double startFactor, int totalIters) {
        return new LinearLR(optimizer, startFactor, 1.0, totalIters);
    }

    @Override
    public double lrAt(int epoch) {
        return baseLr() * (startFactor + (endFactor - startFactor) * Math.min(epoch, totalIters) / totalIters);
    }
}
