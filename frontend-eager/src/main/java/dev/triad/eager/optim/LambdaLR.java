package dev.triad.eager.optim;

import java.util.function.IntToDoubleFunction;

/** {@code lr = base * factor(epoch)}. */
public class LambdaLR extends LRScheduler {
    private final IntToDoubleFunction factor;

    /** Scales the base rate by {@code factor}. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factor) {
        super(optimizer);
        this.factor = factor;
        start();
    }

    @Override
    public double lrAt(int epoch) { return baseLr() * factor.applyAsDouble(epoch); }
}
