package dev.triad.functional.optim;

import dev.triad.functional.Array;
import dev.triad.functional.np;
import dev.triad.spi.types.DType;

import java.util.Map;
import java.util.TreeMap;

/** Learning-rate schedules (Optax's {@code optax.schedules}), as functions of the step count. */
public final class Schedules {
    private Schedules() {}

    private static Array step(Array count) { return np.astype(count, DType.F32); }

    /** The same value at every step. */
    public static Schedule constant(double value) { return count -> np.scalar(value); }

    /**
     * {@code init * rate^(step / transitionSteps)}, with an integer exponent when
     * {@code staircase}.
     */
    public static Schedule exponentialDecay(double init, int transitionSteps, double decayRate, boolean staircase) {
        return count -> {
            Array p = np.divide(step(count), (double) transitionSteps);
            if (staircase) p = np.floor(p);
            return np.multiply(np.exp(np.multiply(p, Math.log(decayRate))), init);
        };
    }

    /** Linear from {@code init} to {@code end} over {@code transitionSteps}, then {@code end}. */
    public static Schedule linear(double init, double end, int transitionSteps) {
        return count -> {
            Array frac = np.clip(np.divide(step(count), (double) Math.max(1, transitionSteps)), 0, 1);
            return np.add(np.multiply(frac, end - init), init);
        };
    }

    /**
     * Cosine decay from {@code init} to {@code init * alpha} over {@code decaySteps}, then
     * constant: {@code init * ((1 - alpha) * (1 + cos(pi * t)) / 2 + alpha)}.
     */
    public static Schedule cosineDecay(double init, int decaySteps, double alpha) {
        return count -> {
            Array t = np.clip(np.divide(step(count), (double) Math.max(1, decaySteps)), 0, 1);
            Array cosine = np.multiply(np.add(np.cos(np.multiply(t, Math.PI)), 1.0), 0.5);
            return np.multiply(np.add(np.multiply(cosine, 1 - alpha), alpha), init);
        };
    }

    /** Linear warm-up from {@code init} to {@code peak} over {@code warmupSteps}, then cosine decay to {@code end} by {@code decaySteps}. */
    public static Schedule warmupCosineDecay(double init, double peak, int warmupSteps, int decaySteps, double end) {
        Schedule warm = linear(init, peak, warmupSteps);
        double alpha = peak == 0 ? 0 : end / peak;
        Schedule decay = cosineDecay(peak, Math.max(1, decaySteps - warmupSteps), alpha);
        return count -> {
            Array after = decay.apply(np.subtract(count, (double) warmupSteps));
            return np.where(np.less(count, (double) warmupSteps), warm.apply(count), after);
        };
    }

    /** {@code init} multiplied by {@code scales.get(b)} for every boundary {@code b} the step has reached. */
    public static Schedule piecewiseConstant(double init, Map<Integer, Double> scales) {
        TreeMap<Integer, Double> sorted = new TreeMap<>(scales);
        return count -> {
            Array v = np.scalar(init);
            for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
                v = np.where(np.greaterEqual(count, (double) e.getKey()), np.multiply(v, e.getValue()), v);
            }
            return v;
        };
    }
}
