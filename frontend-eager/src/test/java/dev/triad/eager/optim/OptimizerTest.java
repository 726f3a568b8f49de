package dev.triad.eager.optim;

import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Optimizers against PyTorch's formulas written out by hand in doubles, on the loss
 * {@code sum(c * p) + sum(p^2) / 2} whose gradient is {@code c + p}.
 */
class OptimizerTest {
    private static final double[] START = {0.5, -1.5, 2.0};
    private static final double[] C = {1.0, -2.0, 0.25};
    private static final int STEPS = 4;

    /** Runs {@code STEPS} steps of {@code make(params)} and returns the parameter values. */
    private static double[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Scope.escape(Tensors.fromArray(START.clone())).requiresGrad_();
        try (Optimizer opt = make.apply(List.of(p))) {
            Tensor c = Scope.escape(Tensors.fromArray(C.clone()));
            for (int i = 0; i < STEPS; i++) {
                try (var _ = Scope.open()) {
                    opt.zeroGrad();
                    p.mul(c).sum().add(p.square().sum().mul(0.5)).backward();
                    opt.step();
                }
            }
            return p.toDoubleArray();
        }
    }

    private static double[] grad(double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) g[i] = C[i] + p[i];
        return g;
    }

    @Test
    void sgdWithMomentumNesterovAndWeightDecay() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.1, mom = 0.9, wd = 0.01;
            double[] p = START.clone(), buf = null;
            for (int t = 0; t < STEPS; t++) {
                double[] g = grad(p);
                double[] d = new double[3];
                for (int i = 0; i < 3; i++) d[i] = g[i] + wd * p[i];
                if (buf == null) buf = d.clone();
                else for (int i = 0; i < 3; i++) buf[i] = mom * buf[i] + d[i];
                for (int i = 0; i < 3; i++) p[i] -= lr * (nesterov ? d[i] + mom * buf[i] : buf[i]);
            }
            assertArrayEquals(p, run(ps -> new SGD(ps, lr, mom, 0, wd, nesterov)), 1e-12, "nesterov=" + nesterov);
        }
        double[] p = START.clone();
        for (int t = 0; t < STEPS; t++) {
            double[] g = grad(p);
            for (int i = 0; i < 3; i++) p[i] -= 0.2 * g[i];
        }
        assertArrayEquals(p, run(ps -> new SGD(ps, 0.2)), 1e-12);
    }

    @Test
    void adamAndAdamW() {
        for (boolean decoupled : new boolean[] {false, true}) {
            double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
            double[] p = START.clone(), m = new double[3], v = new double[3];
            for (int t = 1; t <= STEPS; t++) {
                double[] g = grad(p);
                for (int i = 0; i < 3; i++) {
                    if (decoupled) p[i] *= 1 - lr * wd;
                    else g[i] += wd * p[i];
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    p[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
                }
            }
            double[] got = run(ps -> decoupled ? new AdamW(ps, lr, b1, b2, eps, wd, false) : new Adam(ps, lr, b1, b2, eps, wd, false));
            assertArrayEquals(p, got, 1e-12, decoupled ? "AdamW" : "Adam");
        }
    }

    @Test
    void rmspropPlainCenteredAndWithMomentum() {
        for (int variant = 0; variant < 3; variant++) {
            boolean centered = variant == 1;
            double momentum = variant == 2 ? 0.5 : 0;
            double lr = 0.01, alpha = 0.99, eps = 1e-8;
            double[] p = START.clone(), sq = new double[3], ga = new double[3], buf = new double[3];
            for (int t = 0; t < STEPS; t++) {
                double[] g = grad(p);
                for (int i = 0; i < 3; i++) {
                    sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
                    double avg;
                    if (centered) {
                        ga[i] = alpha * ga[i] + (1 - alpha) * g[i];
                        avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + eps;
                    } else {
                        avg = Math.sqrt(sq[i]) + eps;
                    }
                    if (momentum > 0) {
                        buf[i] = momentum * buf[i] + g[i] / avg;
                        p[i] -= lr * buf[i];
                    } else {
                        p[i] -= lr * g[i] / avg;
                    }
                }
            }
            double m = momentum;
            assertArrayEquals(p, run(ps -> new RMSprop(ps, lr, alpha, eps, 0, m, centered)), 1e-12, "variant " + variant);
        }
    }

    @Test
    void stateDictRoundTripResumesExactly() {
        Tensor p = Scope.escape(Tensors.fromArray(START.clone())).requiresGrad_();
        Tensor q = Scope.escape(Tensors.fromArray(START.clone())).requiresGrad_();
        Tensor c = Scope.escape(Tensors.fromArray(C.clone()));
        try (Adam a = new Adam(List.of(p), 0.1); Adam b = new Adam(List.of(q), 0.5)) {
            for (int i = 0; i < 2; i++) step(a, p, c);
            Map<String, Tensor> state = a.stateDict();
            assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step", "group.lr", "group.beta1", "group.beta2", "group.eps",
                    "group.weight_decay", "group.amsgrad"), List.copyOf(state.keySet()));
            assertEquals(2.0, state.get("state.0.step").item());
            try (var _ = Scope.open(); var _ = dev.triad.eager.Autograd.noGrad()) {
                Map<String, Tensor> host = new java.util.LinkedHashMap<>();
                for (var e : state.entrySet()) host.put(e.getKey(), Tensor.fromHost(e.getValue().toHost()));
                b.loadStateDict(host);
                q.copy_(p.detach());
            }
            assertEquals(0.1, b.lr());
            for (int i = 0; i < 2; i++) {
                step(a, p, c);
                step(b, q, c);
            }
            assertArrayEquals(p.toDoubleArray(), q.toDoubleArray(), 0);
            assertThrows(dev.triad.spi.error.TriadException.class, () -> b.loadStateDict(Map.of("state.7.exp_avg", p)));
        }
    }

    private static void step(Optimizer o, Tensor p, Tensor c) {
        try (var _ = Scope.open()) {
            o.zeroGrad();
            p.mul(c).sum().add(p.square().sum().mul(0.5)).backward();
            o.step();
        }
    }

    @Test
    void schedules() {
        Tensor p = Scope.escape(Tensors.zeros(1)).requiresGrad_();
        SGD opt = new SGD(List.of(p), 1.0);
        StepLR step = new StepLR(opt, 2, 0.5);
        double[] expected = {1, 1, 0.5, 0.5, 0.25};
        for (int e = 0; e < 5; e++) {
            assertEquals(expected[e], opt.lr(), 1e-15);
            step.step();
        }
        SGD o2 = new SGD(List.of(p), 0.1);
        CosineAnnealingLR cos = new CosineAnnealingLR(o2, 10, 0.001);
        for (int e = 0; e <= 10; e++) {
            assertEquals(0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * e / 10)) / 2, o2.lr(), 1e-15);
            cos.step();
        }
        SGD o3 = new SGD(List.of(p), 0.1);
        LRScheduler warm = LinearLR.warmup(o3, 0.1, 4);
        LRScheduler seq = new SequentialLR(o3, List.of(warm, new CosineAnnealingLR(o3, 6, 0)), 4);
        double[] want = {0.01, 0.0325, 0.055, 0.0775, 0.1, 0.1 * (1 + Math.cos(Math.PI / 6)) / 2};
        for (int e = 0; e < want.length; e++) {
            assertEquals(want[e], o3.lr(), 1e-12, "epoch " + e);
            seq.step();
        }
        SGD o4 = new SGD(List.of(p), 0.2);
        new LambdaLR(o4, e -> 1.0 / (e + 1)).step();
        assertEquals(0.1, o4.lr(), 1e-15);
    }

    @Test
    void clipGradNormScalesAllGradients() {
        Tensor a = Scope.escape(Tensors.zeros(2)).requiresGrad_();
        Tensor b = Scope.escape(Tensors.zeros(1)).requiresGrad_();
        try (var _ = Scope.open()) {
            a.mul(Tensors.of(3, 0)).sum().add(b.mul(4).sum()).backward();   // grads (3, 0) and (4): norm 5
            double norm = ClipGrad.clipGradNorm(List.of(a, b), 1.0);
            assertEquals(5.0, norm, 1e-6);
            assertArrayEquals(new float[] {0.6f, 0}, a.grad().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.8f}, b.grad().toFloatArray(), 1e-6f);
            assertEquals(1.0, ClipGrad.clipGradNorm(List.of(a, b), 10.0), 1e-6);
            assertArrayEquals(new float[] {0.8f}, b.grad().toFloatArray(), 1e-6f);
            assertEquals(0.8, ClipGrad.clipGradNorm(List.of(a, b), 1.0, Double.POSITIVE_INFINITY), 1e-6);
            ClipGrad.clipGradValue(List.of(a, b), 0.5);
            assertArrayEquals(new float[] {0.5f, 0}, a.grad().toFloatArray(), 1e-6f);
        }
    }
}
