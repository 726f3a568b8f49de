package dev.triad.eager.optim;

/** {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}, PyTorch's closed form. */
public class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /** Anneals from the base rate to {@code etaMin} over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) throw new IllegalArgumentException("T_max must be >= 1, got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        start();
    }

    @Override
    public double lrAt(int epoch) { return etaMin + (baseLr() - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2; }
}
