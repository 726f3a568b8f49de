package dev.triad.conformance.reference;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Textbook formulas for composites, computed in double with loops and rounded once to the
 * result dtype. They share nothing with the composites' decompositions, so agreement between
 * the two checks the decompositions themselves.
 *
 * <p>Conventions where the op table leaves a choice: cross-entropy with label smoothing
 * {@code s} uses the target {@code (1 - s) * onehot + s / C} (PyTorch); causal attention lets
 * query i attend keys j &lt;= i; variance divides by {@code n - correction}.
 */
public final class DirectFormulas {
    private DirectFormulas() {}

    /** True when {@code p} has a direct formula here. */
    public static boolean covers(Primitive p) {
        return p == Prims.SOFTMAX || p == Prims.LOG_SOFTMAX || p == Prims.LOGSUMEXP || p == Prims.MEAN || p == Prims.VARIANCE
                || p == Prims.LAYER_NORM || p == Prims.BATCH_NORM || p == Prims.RELU || p == Prims.GELU || p == Prims.GELU_TANH
                || p == Prims.SILU || p == Prims.LINEAR || p == Prims.CROSS_ENTROPY || p == Prims.ATTENTION;
    }

    /** The value of composite {@code p} on {@code in}, with the result type {@code out} from the shape rule. */
    public static RefArray compute(Primitive p, Attrs a, List<RefArray> in, TensorType out) {
        RefArray x = in.get(0);
        double[] r = switch (p.name()) {
            case "softmax" -> softmax(x, a.get(Keys.AXIS), false);
            case "log_softmax" -> softmax(x, a.get(Keys.AXIS), true);
            case "logsumexp" -> reduceGroups(x, a.get(Keys.AXES), g -> logsumexp(x, g));
            case "mean" -> reduceGroups(x, a.get(Keys.AXES), g -> moments(x, g)[0]);
            case "variance" -> reduceGroups(x, a.get(Keys.AXES), g -> moments(x, g)[1] * g.length / (g.length - (double) a.get(Keys.CORRECTION)));
            case "layer_norm" -> layerNorm(x, in.get(1), in.get(2), a.get(Keys.NORMALIZED_NDIM), a.get(Keys.EPS));
            case "batch_norm" -> batchNorm(x, in.get(1), in.get(2), a.get(Keys.EPS));
            case "relu" -> map(x, v -> Math.max(v, 0));
            case "gelu" -> map(x, v -> 0.5 * v * (1 + SpecialFunctions.erf(v / Math.sqrt(2))));
            case "gelu_tanh" -> map(x, v -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
            case "silu" -> map(x, v -> v / (1 + Math.exp(-v)));
            case "linear" -> linear(x, in.get(1), in.get(2));
            case "cross_entropy" -> new double[] {crossEntropy(x, in.get(1), a.get(Keys.LABEL_SMOOTHING))};
            case "attention" -> attention(in, a.get(Keys.SCALE), a.get(Keys.CAUSAL), out.shape());
            default -> throw new IllegalArgumentException("no direct formula for " + p);
        };
        for (int i = 0; i < r.length; i++) r[i] = Elements.roundTo(out.dtype(), r[i]);
        return RefArray.adoptFloats(out.dtype(), out.shape(), r);
    }

    private interface DoubleFn { double apply(double v); }
    private interface GroupFn { double apply(int[] group); }

    private static double[] map(RefArray x, DoubleFn f) {
        double[] r = new double[x.size()];
        for (int i = 0; i < r.length; i++) r[i] = f.apply(x.get(i));
        return r;
    }

    /** The flat indices reduced together for each result element of a reduction over {@code axes}, in result order. */
    static int[][] groups(Shape s, int[] axes) {
        boolean[] red = new boolean[s.rank()];
        for (int a : axes) red[a] = true;
        long[] kd = s.toArray();
        for (int i = 0; i < kd.length; i++) if (red[i]) kd[i] = 1;
        Shape keep = Shape.of(kd);
        int[] kstr = Index.strides(keep);
        int m = Index.numel(keep);
        List<List<Integer>> g = new ArrayList<>();
        for (int i = 0; i < m; i++) g.add(new ArrayList<>());
        int[] idx = new int[s.rank()];
        for (int f = 0; f < Index.numel(s); f++) {
            Index.unravel(f, s, idx);
            int t = 0;
            for (int i = 0; i < idx.length; i++) if (!red[i]) t += idx[i] * kstr[i];
            g.get(t).add(f);
        }
        int[][] out = new int[m][];
        for (int i = 0; i < m; i++) out[i] = g.get(i).stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    private static double[] reduceGroups(RefArray x, int[] axes, GroupFn f) {
        int[][] g = groups(x.shape(), axes);
        double[] r = new double[g.length];
        for (int i = 0; i < g.length; i++) r[i] = f.apply(g[i]);
        return r;
    }

    private static double logsumexp(RefArray x, int[] g) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i : g) m = Math.max(m, x.get(i));
        if (Double.isInfinite(m)) return m;
        double s = 0;
        for (int i : g) s += Math.exp(x.get(i) - m);
        return m + Math.log(s);
    }

    /** {mean, population variance} of the group. */
    private static double[] moments(RefArray x, int[] g) {
        double mean = 0;
        for (int i : g) mean += x.get(i);
        mean /= g.length;
        double var = 0;
        for (int i : g) var += (x.get(i) - mean) * (x.get(i) - mean);
        return new double[] {mean, var / g.length};
    }

    private static double[] softmax(RefArray x, int axis, boolean log) {
        double[] r = new double[x.size()];
        for (int[] g : groups(x.shape(), new int[] {axis})) {
            double lse = logsumexp(x, g);
            for (int i : g) r[i] = log ? x.get(i) - lse : Math.exp(x.get(i) - lse);
        }
        return r;
    }

    private static double[] layerNorm(RefArray x, RefArray gamma, RefArray beta, int nd, double eps) {
        int[] axes = new int[nd];
        for (int i = 0; i < nd; i++) axes[i] = x.rank() - nd + i;
        int inner = gamma.size();
        double[] r = new double[x.size()];
        for (int[] g : groups(x.shape(), axes)) {
            double[] mv = moments(x, g);
            for (int i : g) r[i] = (x.get(i) - mv[0]) / Math.sqrt(mv[1] + eps) * gamma.get(i % inner) + beta.get(i % inner);
        }
        return r;
    }

    private static double[] batchNorm(RefArray x, RefArray gamma, RefArray beta, double eps) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) if (i != 1) axes[j++] = i;
        double[] r = new double[x.size()];
        int[][] gs = groups(x.shape(), axes);
        for (int c = 0; c < gs.length; c++) {
            double[] mv = moments(x, gs[c]);
            for (int i : gs[c]) r[i] = (x.get(i) - mv[0]) / Math.sqrt(mv[1] + eps) * gamma.get(c) + beta.get(c);
        }
        return r;
    }

    private static double[] linear(RefArray x, RefArray w, RefArray b) {
        int in = (int) w.shape().dim(1), outF = (int) w.shape().dim(0);
        int rows = x.size() / in;
        double[] r = new double[rows * outF];
        for (int row = 0; row < rows; row++) {
            for (int o = 0; o < outF; o++) {
                double s = b.get(o);
                for (int k = 0; k < in; k++) s += x.get(row * in + k) * w.get(o * in + k);
                r[row * outF + o] = s;
            }
        }
        return r;
    }

    private static double crossEntropy(RefArray logits, RefArray labels, double smoothing) {
        int n = (int) logits.shape().dim(0), c = (int) logits.shape().dim(1);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int[] row = new int[c];
            for (int j = 0; j < c; j++) row[j] = i * c + j;
            double lse = logsumexp(logits, row);
            int label = (int) labels.getLong(i);
            double loss = 0;
            for (int j = 0; j < c; j++) {
                double target = (1 - smoothing) * (j == label ? 1 : 0) + smoothing / c;
                loss -= target * (logits.get(row[j]) - lse);
            }
            total += loss;
        }
        return total / n;
    }

    private static double[] attention(List<RefArray> in, double scale, boolean causal, Shape outShape) {
        RefArray q = in.get(0), k = in.get(1), v = in.get(2);
        RefArray mask = in.size() > 3 ? in.get(3) : null;
        int r = q.rank();
        int lq = (int) q.shape().dim(r - 2), d = (int) q.shape().dim(r - 1);
        int lk = (int) k.shape().dim(r - 2), dv = (int) v.shape().dim(r - 1);
        double sc = scale == 0 ? 1 / Math.sqrt(d) : scale;
        int batches = q.size() / (lq * d);
        Shape scores = Shape.of(java.util.Arrays.copyOf(outShape.toArray(), r)).withDim(r - 1, lk);
        int[] maskMap = mask == null ? null : Index.broadcastMap(mask.shape(), scores);
        double[] out = new double[batches * lq * dv];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < lq; i++) {
                double[] s = new double[lk];
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    boolean keep = (!causal || j <= i) && (mask == null || mask.getLong(maskMap[(b * lq + i) * lk + j]) != 0);
                    double dot = 0;
                    for (int t = 0; t < d; t++) dot += q.get((b * lq + i) * d + t) * k.get((b * lk + j) * d + t);
                    s[j] = keep ? dot * sc : Double.NEGATIVE_INFINITY;
                    m = Math.max(m, s[j]);
                }
                double z = 0;
                for (int j = 0; j < lk; j++) z += Math.exp(s[j] - m);
                for (int t = 0; t < dv; t++) {
                    double acc = 0;
                    for (int j = 0; j < lk; j++) acc += Math.exp(s[j] - m) / z * v.get((b * lk + j) * dv + t);
                    out[(b * lq + i) * dv + t] = acc;
                }
            }
        }
        return out;
    }

    /** Convenience for tests: the direct value of {@code p} at F64 inputs, with the type from its shape rule. */
    public static RefArray compute(Primitive p, Attrs a, List<RefArray> in) {
        List<TensorType> types = new ArrayList<>();
        for (RefArray x : in) types.add(x.type());
        return compute(p, a, in, p.inferType(types, a));
    }
}
