package dev.triad.functional.optim;

import static dev.triad.functional.Transforms.jit;
import static dev.triad.functional.Transforms.valueAndGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.functional.Array;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Scope;
import dev.triad.functional.ValueAndGrad;
import dev.triad.functional.np;
import dev.triad.functional.random;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

class OptimizersTest {
    private static double[] run(GradientTransformation opt, double[] params, double[][] grads) {
        Array p = np.array(params);
        Object state = opt.init(p);
        for (double[] g : grads) {
            Update<Array> u = opt.update(np.array(g), state, p);
            p = Optimizers.applyUpdates(p, u.updates());
            state = u.state();
        }
        return p.toDoubleArray();
    }

    @Test
    void sgdAndMomentumMatchTheirDefinitions() {
        double[][] g = {{1, -2}, {0.5, 1}};
        assertArrayEquals(new double[] {1 - 0.1 * 1.5, 2 - 0.1 * -1}, run(Optimizers.sgd(0.1), new double[] {1, 2}, g), 1e-12);
        // buf1 = g1; buf2 = 0.9 buf1 + g2
        double[] b2 = {0.9 * 1 + 0.5, 0.9 * -2 + 1};
        assertArrayEquals(new double[] {1 - 0.1 * (1 + b2[0]), 2 - 0.1 * (-2 + b2[1])},
                run(Optimizers.sgd(0.1, 0.9, false), new double[] {1, 2}, g), 1e-12);
    }

    @Test
    void adamAndAdamwMatchTheirDefinitions() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        double[] p = {1, -2};
        double[][] g = {{0.3, -0.1}, {0.2, 0.4}};
        double[] m = new double[2], v = new double[2], q = p.clone(), w = p.clone();
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[t - 1][i];
                v[i] = b2 * v[i] + (1 - b2) * g[t - 1][i] * g[t - 1][i];
                double step = m[i] / (1 - Math.pow(b1, t)) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
                q[i] -= lr * step;
                w[i] -= lr * (step + wd * w[i]);
            }
        }
        assertArrayEquals(q, run(Optimizers.adam(lr, b1, b2, eps), p, g), 1e-12);
        assertArrayEquals(w, run(Optimizers.adamw(lr, b1, b2, eps, wd), p, g), 1e-12);
    }

    @Test
    void clippingChainsAndSchedules() {
        GradientTransformation clip = Optimizers.chain(Optimizers.clipByGlobalNorm(1.0), Optimizers.sgd(1.0));
        assertArrayEquals(new double[] {-0.6, -0.8}, run(clip, new double[] {0, 0}, new double[][] {{3, 4}}), 1e-6);
        assertArrayEquals(new double[] {-0.3, -0.4}, run(clip, new double[] {0, 0}, new double[][] {{0.3, 0.4}}), 1e-6);
        Schedule s = Schedules.exponentialDecay(1.0, 10, 0.5, false);
        assertEquals(0.5, s.apply(np.scalar(10, DType.I32)).item(), 1e-6);
        assertEquals(0.5, Schedules.cosineDecay(1.0, 100, 0.0).apply(np.scalar(50, DType.I32)).item(), 1e-6);
        assertEquals(0.25, Schedules.piecewiseConstant(1.0, Map.of(5, 0.5, 10, 0.5)).apply(np.scalar(12, DType.I32)).item(), 1e-6);
        assertEquals(0.5, Schedules.warmupCosineDecay(0, 1, 10, 110, 0).apply(np.scalar(5, DType.I32)).item(), 1e-6);
        // A scheduled optimizer counts its steps: lr 1, then 0.5.
        GradientTransformation sched = Optimizers.sgd(Schedules.piecewiseConstant(1.0, Map.of(1, 0.5)));
        assertArrayEquals(new double[] {-1.5}, run(sched, new double[] {0}, new double[][] {{1}, {1}}), 1e-6);
    }

    record Params(Array w, Array b) {}

    record TrainState(Params params, Object opt) {}

    @Test
    void aJittedTrainingStepLearns() {
        var keys = random.split(random.key(0), 3);
        Array x = random.normal(keys.get(0), 64, 3);
        Array trueW = np.array(new float[] {1, -2, 0.5f}, 3, 1);
        Array y = np.add(np.matmul(x, trueW), 0.3);
        Params p0 = new Params(np.multiply(random.normal(keys.get(1), 3, 1), 0.1), np.zeros(1));
        GradientTransformation opt = Optimizers.adam(0.1);
        BiFunction<Params, List<Array>, Array> loss = (p, batch) ->
                np.mean(np.square(np.subtract(np.add(np.matmul(batch.get(0), p.w()), p.b()), batch.get(1))));
        try (Jitted2<TrainState, List<Array>, List<Object>> step = jit((TrainState s, List<Array> batch) -> {
            ValueAndGrad<Params> vg = valueAndGrad(loss).apply(s.params(), batch);
            Update<Params> u = opt.update(vg.grad(), s.opt(), s.params());
            return List.of(new TrainState(Optimizers.applyUpdates(s.params(), u.updates()), u.state()), vg.value());
        })) {
            TrainState s = new TrainState(p0, opt.init(p0));
            double first = Double.NaN, last = Double.NaN;
            for (int i = 0; i < 200; i++) {
                try (Scope scope = Scope.open()) {
                    List<Object> out = step.apply(s, List.of(x, y));
                    TrainState next = scope.keep((TrainState) out.get(0));
                    double l = ((Array) out.get(1)).item();
                    if (i == 0) first = l;
                    last = l;
                    if (i > 0) Tree.treeClose(s);
                    s = next;
                }
            }
            assertTrue(last < first * 1e-3, "loss went from " + first + " to " + last);
            assertEquals(1, step.stats().traces());
            assertArrayEquals(new double[] {1, -2, 0.5}, s.params().w().toDoubleArray(), 1e-2);
            assertEquals(Shape.SCALAR, ((States.ScaleByAdam) ((States.Chain) s.opt()).states().get(0)).count().shape());
        }
    }
}
