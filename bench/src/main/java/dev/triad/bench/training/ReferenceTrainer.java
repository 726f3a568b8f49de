package dev.triad.bench.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training steps of {@link TrainSpec} in float64, forward and backward written out by hand
 * (no op library, no autodiff), to check the front-ends: {@link #losses} returns the loss
 * before the first step and before the second, so it depends on the gradients and the
 * optimizer of step one. Adam follows PyTorch (bias-corrected moments, eps outside the root).
 */
public final class ReferenceTrainer {
    private final TrainSpec spec;
    private final Map<String, double[]> w = new LinkedHashMap<>();
    private final Map<String, double[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final double[] x;
    private final long[] y;
    private int t;

    /** A trainer at the spec's initial weights. */
    public ReferenceTrainer(TrainSpec spec) {
        this.spec = spec;
        for (Map.Entry<String, float[]> e : spec.initialWeights().entrySet()) {
            double[] d = toDoubles(e.getValue());
            w.put(e.getKey(), d);
            m.put(e.getKey(), new double[d.length]);
            v.put(e.getKey(), new double[d.length]);
        }
        x = toDoubles(spec.images());
        y = spec.labels();
    }

    /** The losses returned by the first {@code steps} training steps. */
    public static double[] losses(TrainSpec spec, int steps) {
        ReferenceTrainer r = new ReferenceTrainer(spec);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) out[i] = r.step();
        return out;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** One step: returns the loss at the current weights, then updates them. */
    double step() {
        Map<String, double[]> g = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : w.entrySet()) g.put(e.getKey(), new double[e.getValue().length]);
        int n = spec.batch();
        // Features entering fc1: the flattened image (MLP) or the pooled conv map (CNN).
        int features = spec.isCnn() ? 32 * 14 * 14 : 28 * 28;
        double[] feat;
        double[] convPre = null;
        int[] poolArg = null;
        if (spec.isCnn()) {
            convPre = conv(n);
            feat = new double[n * features];
            poolArg = new int[n * features];
            pool(n, convPre, feat, poolArg);
        } else {
            feat = x;
        }
        int hidden = (int) spec.shapes().get("fc1.bias")[0];
        double[] z1 = dense(feat, n, features, w.get("fc1.weight"), w.get("fc1.bias"), hidden);
        double[] h = new double[z1.length];
        for (int i = 0; i < h.length; i++) h[i] = Math.max(z1[i], 0);
        double[] logits = dense(h, n, hidden, w.get("fc2.weight"), w.get("fc2.bias"), 10);
        double[] dLogits = new double[logits.length];
        double loss = crossEntropy(logits, n, dLogits);

        double[] dh = denseBackward(h, n, hidden, w.get("fc2.weight"), 10, dLogits, g.get("fc2.weight"), g.get("fc2.bias"));
        for (int i = 0; i < dh.length; i++) if (z1[i] <= 0) dh[i] = 0;
        double[] dFeat = denseBackward(feat, n, features, w.get("fc1.weight"), hidden, dh, g.get("fc1.weight"), g.get("fc1.bias"));
        if (spec.isCnn()) convBackward(n, convPre, poolArg, dFeat, g.get("conv1.weight"), g.get("conv1.bias"));
        update(g);
        return loss;
    }

    /** {@code in[n, k] W^T + b} with {@code W [out, k]}. */
    private static double[] dense(double[] in, int n, int k, double[] wt, double[] b, int out) {
        double[] r = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                int wo = o * k, xi = i * k;
                for (int p = 0; p < k; p++) acc += in[xi + p] * wt[wo + p];
                r[i * out + o] = acc;
            }
        }
        return r;
    }

    /** Accumulates dW, db and returns d(in) of {@link #dense}. */
    private static double[] denseBackward(double[] in, int n, int k, double[] wt, int out, double[] dOut, double[] dW, double[] db) {
        double[] dIn = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double d = dOut[i * out + o];
                if (d == 0) continue;
                db[o] += d;
                int wo = o * k, xi = i * k;
                for (int p = 0; p < k; p++) {
                    dW[wo + p] += d * in[xi + p];
                    dIn[xi + p] += d * wt[wo + p];
                }
            }
        }
        return dIn;
    }

    /** Mean cross-entropy of {@code logits [n, 10]}; writes d(loss)/d(logits). */
    private double crossEntropy(double[] logits, int n, double[] dLogits) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) max = Math.max(max, logits[i * 10 + c]);
            double sum = 0;
            for (int c = 0; c < 10; c++) sum += Math.exp(logits[i * 10 + c] - max);
            double lse = max + Math.log(sum);
            total += lse - logits[i * 10 + (int) y[i]];
            for (int c = 0; c < 10; c++) {
                double p = Math.exp(logits[i * 10 + c] - lse);
                dLogits[i * 10 + c] = (p - (c == y[i] ? 1 : 0)) / n;
            }
        }
        return total / n;
    }

    /** The conv layer before ReLU: {@code [n, 32, 28, 28]}, 3x3 kernel, padding 1. */
    private double[] conv(int n) {
        double[] k = w.get("conv1.weight"), b = w.get("conv1.bias");
        double[] out = new double[n * 32 * 784];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < 32; o++) {
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        double acc = b[o];
                        for (int ky = 0; ky < 3; ky++) {
                            int iy = r + ky - 1;
                            if (iy < 0 || iy >= 28) continue;
                            for (int kx = 0; kx < 3; kx++) {
                                int ix = c + kx - 1;
                                if (ix < 0 || ix >= 28) continue;
                                acc += k[o * 9 + ky * 3 + kx] * x[i * 784 + iy * 28 + ix];
                            }
                        }
                        out[((i * 32 + o) * 28 + r) * 28 + c] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** ReLU then 2x2 max-pool; remembers which input won each window. */
    private static void pool(int n, double[] pre, double[] out, int[] arg) {
        for (int i = 0; i < n * 32; i++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int idx = (i * 28 + 2 * r + dy) * 28 + 2 * c + dx;
                            double a = Math.max(pre[idx], 0);
                            if (a > best) {
                                best = a;
                                at = idx;
                            }
                        }
                    }
                    out[(i * 14 + r) * 14 + c] = best;
                    arg[(i * 14 + r) * 14 + c] = at;
                }
            }
        }
    }

    /** Routes d(pooled) to each window's winner, through ReLU, into the conv's weight and bias gradients. */
    private void convBackward(int n, double[] pre, int[] arg, double[] dPooled, double[] dK, double[] db) {
        double[] dPre = new double[pre.length];
        for (int j = 0; j < dPooled.length; j++) {
            int at = arg[j];
            if (pre[at] > 0) dPre[at] += dPooled[j];
        }
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < 32; o++) {
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        double d = dPre[((i * 32 + o) * 28 + r) * 28 + c];
                        if (d == 0) continue;
                        db[o] += d;
                        for (int ky = 0; ky < 3; ky++) {
                            int iy = r + ky - 1;
                            if (iy < 0 || iy >= 28) continue;
                            for (int kx = 0; kx < 3; kx++) {
                                int ix = c + kx - 1;
                                if (ix < 0 || ix >= 28) continue;
                                dK[o * 9 + ky * 3 + kx] += d * x[i * 784 + iy * 28 + ix];
                            }
                        }
                    }
                }
            }
        }
    }

    private void update(Map<String, double[]> g) {
        t++;
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = spec.lr();
        for (Map.Entry<String, double[]> e : w.entrySet()) {
            double[] p = e.getValue(), gr = g.get(e.getKey()), mm = m.get(e.getKey()), vv = v.get(e.getKey());
            for (int i = 0; i < p.length; i++) {
                if (!spec.adam()) {
                    p[i] -= lr * gr[i];
                    continue;
                }
                mm[i] = b1 * mm[i] + (1 - b1) * gr[i];
                vv[i] = b2 * vv[i] + (1 - b2) * gr[i] * gr[i];
                double mHat = mm[i] / (1 - Math.pow(b1, t)), vHat = vv[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }
}
