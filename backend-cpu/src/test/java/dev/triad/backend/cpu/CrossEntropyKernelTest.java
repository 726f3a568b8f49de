package dev.triad.backend.cpu;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CPU backend's one-pass cross_entropy against a float64 evaluation of the definition,
 * and the cases it hands to the decomposition (non-finite logits, strided rows, a label out
 * of range) giving the decomposition's results and errors.
 */
class CrossEntropyKernelTest {
    private static final Backend B = CpuTesting.BACKEND;

    @Test
    void matchesTheDefinitionInFloat64() {
        Random rng = new Random(7);
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (DType labelType : List.of(DType.I32, DType.I64)) {
                for (double ls : new double[] {0, 0.1}) {
                    for (int[] nc : new int[][] {{128, 10}, {5, 37}, {3, 1}, {1, 16}}) {
                        int n = nc[0], c = nc[1];
                        double[] x = new double[n * c];
                        double[] y = new double[n];
                        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian() * 4;
                        for (int i = 0; i < n; i++) y[i] = rng.nextInt(c);
                        double got = run(t, labelType, ls, n, c, x, y);
                        double expected = reference(ls, n, c, t == DType.F32 ? rounded(x) : x, y);
                        double tol = t == DType.F32 ? 2e-6 * Math.max(1, Math.abs(expected)) : 1e-13 * Math.max(1, Math.abs(expected));
                        assertEquals(expected, got, tol, t + " " + labelType + " ls=" + ls + " [" + n + "," + c + "]");
                    }
                }
            }
        }
    }

    @Test
    void theGradientMatchesItsDecomposition() {
        Random rng = new Random(11);
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (double ls : new double[] {0, 0.1}) {
                for (int[] nc : new int[][] {{128, 10}, {5, 37}, {3, 1}}) {
                    int n = nc[0], c = nc[1];
                    double[] x = new double[n * c], y = new double[n];
                    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian() * 4;
                    for (int i = 0; i < n; i++) y[i] = rng.nextInt(c);
                    double[] fused = grad(t, ls, n, c, x, y, false), decomposed = grad(t, ls, n, c, x, y, true);
                    double tol = t == DType.F32 ? 1e-6 : 1e-15;
                    for (int i = 0; i < fused.length; i++) {
                        assertEquals(decomposed[i], fused[i], tol * Math.max(1, Math.abs(decomposed[i])) / n,
                                t + " ls=" + ls + " [" + n + "," + c + "] element " + i);
                    }
                }
            }
        }
        double[] nan = grad(DType.F32, 0, 2, 2, new double[] {1, Double.NaN, 0, 1}, new double[] {0, 1}, false);
        double[] nanRef = grad(DType.F32, 0, 2, 2, new double[] {1, Double.NaN, 0, 1}, new double[] {0, 1}, true);
        for (int i = 0; i < nan.length; i++) assertEquals(Double.doubleToLongBits(nanRef[i]), Double.doubleToLongBits(nan[i]), "non-finite logits decline");
    }

    private static double[] grad(DType t, double ls, int n, int c, double[] x, double[] y, boolean decompose) {
        try (BackendOps o = new BackendOps(B)) {
            DeviceArray logits = o.upload(HostArray.fromDoubles(t, Shape.of(n, c), x));
            DeviceArray labels = o.upload(HostArray.fromDoubles(DType.I64, Shape.of(n), y));
            DeviceArray g = o.upload(HostArray.fromDoubles(t, Shape.of(), 1.5));
            Attrs a = Attrs.of(Keys.LABEL_SMOOTHING, ls);
            List<DeviceArray> in = List.of(logits, labels, g);
            return B.download(decompose ? Prims.CROSS_ENTROPY_GRAD.decompose(o, in, a) : o.apply(Prims.CROSS_ENTROPY_GRAD, a, in)).toDoubles();
        }
    }

    @Test
    void nonFiniteLogitsGiveTheDecompositionsResult() {
        double[] x = {1, Double.POSITIVE_INFINITY, 0, 2, Double.NaN, 1, 0.5, -1, 3};
        double[] y = {0, 1, 2};
        double fused = run(DType.F32, DType.I64, 0, 3, 3, x, y);
        double decomposed = decomposition(DType.F32, 0, 3, 3, x, y);
        assertEquals(Double.doubleToLongBits(decomposed), Double.doubleToLongBits(fused), "fused " + fused + " vs " + decomposed);
        assertTrue(Double.isNaN(fused));
    }

    @Test
    void aLabelOutOfRangeIsReportedAsTheDecompositionReportsIt() {
        assertThrows(IndexOutOfRangeException.class, () -> run(DType.F32, DType.I64, 0, 2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 3}));
        assertThrows(IndexOutOfRangeException.class, () -> run(DType.F32, DType.I32, 0, 2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {-1, 0}));
    }

    @Test
    void transposedLogitsAreRight() {
        // [3, 4] logits as the transpose of a [4, 3] array: rows are strided, so the decomposition runs.
        double[] xt = {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12};
        double[] y = {3, 0, 2};
        try (BackendOps o = new BackendOps(B)) {
            DeviceArray logits = o.permute(o.upload(HostArray.fromDoubles(DType.F64, Shape.of(4, 3), xt)), new int[] {1, 0});
            DeviceArray labels = o.upload(HostArray.fromDoubles(DType.I64, Shape.of(3), y));
            double got = B.download(o.apply(Prims.CROSS_ENTROPY, Attrs.of(Keys.LABEL_SMOOTHING, 0.0), List.of(logits, labels))).toDoubles()[0];
            double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            assertEquals(reference(0, 3, 4, x, y), got, 1e-12);
        }
    }

    private static double run(DType t, DType labelType, double ls, int n, int c, double[] x, double[] y) {
        try (DeviceArray logits = B.upload(HostArray.fromDoubles(t, Shape.of(n, c), x));
             DeviceArray labels = B.upload(HostArray.fromDoubles(labelType, Shape.of(n), y));
             DeviceArray out = Dispatch.execute(B, Prims.CROSS_ENTROPY, Attrs.of(Keys.LABEL_SMOOTHING, ls), List.of(logits, labels))) {
            return B.download(out).toDoubles()[0];
        }
    }

    private static double decomposition(DType t, double ls, int n, int c, double[] x, double[] y) {
        try (BackendOps o = new BackendOps(B)) {
            DeviceArray logits = o.upload(HostArray.fromDoubles(t, Shape.of(n, c), x));
            DeviceArray labels = o.upload(HostArray.fromDoubles(DType.I64, Shape.of(n), y));
            return B.download(Prims.CROSS_ENTROPY.decompose(o, List.of(logits, labels), Attrs.of(Keys.LABEL_SMOOTHING, ls))).toDoubles()[0];
        }
    }

    /** PyTorch's definition in float64. */
    private static double reference(double ls, int n, int c, double[] x, double[] y) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, x[i * c + j]);
            double s = 0, mean = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(x[i * c + j] - max);
                mean += x[i * c + j] / c;
            }
            double lse = max + Math.log(s);
            double nll = lse - x[i * c + (int) y[i]];
            total += (1 - ls) * nll + ls * (lse - mean);
        }
        return total / n;
    }

    private static double[] rounded(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = (float) x[i];
        return r;
    }
}
