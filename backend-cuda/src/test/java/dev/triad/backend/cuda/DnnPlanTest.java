package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_BFLOAT16;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_DOUBLE;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_FLOAT;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_HALF;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DETERMINISTIC;
import static org.bytedeco.cuda.global.cudnn.CUDNN_FMA_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_NON_DETERMINISTIC;
import static org.bytedeco.cuda.global.cudnn.CUDNN_STATUS_NOT_SUPPORTED;
import static org.bytedeco.cuda.global.cudnn.CUDNN_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_OP_MATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The cuDNN plans without a device: which call a convolution becomes and why the others fall
 * back, checked numerically against Triad's convolution rule with plain loops (so a wrong
 * padding, stride or dilation mapping fails here, not first on a GPU); descriptor parameters,
 * cache keys, the descriptor cache, algorithm choice and the dtype table.
 */
class DnnPlanTest {
    /**
     * Triad's convolution on one spatial dimension (lhs [N, C, S], rhs [O, C, K], one group):
     * out[n][o][p] = sum over c, k of dilatedPadded(lhs)[n][c][p * stride + k * rhsDil] * rhs[o][c][k].
     */
    static double[][][] triadConv(double[][][] lhs, double[][][] rhs, int stride, int lo, int hi, int lhsDil, int rhsDil) {
        int n = lhs.length, c = lhs[0].length, s = lhs[0][0].length, o = rhs.length, k = rhs[0][0].length;
        long padded = (long) (s - 1) * lhsDil + 1 + lo + hi;
        long window = (long) (k - 1) * rhsDil + 1;
        int p = (int) ((padded - window) / stride + 1);
        double[][][] out = new double[n][o][p];
        for (int b = 0; b < n; b++) for (int oc = 0; oc < o; oc++) for (int q = 0; q < p; q++) {
            double acc = 0;
            for (int ic = 0; ic < c; ic++) for (int kk = 0; kk < k; kk++) {
                long j = (long) q * stride + (long) kk * rhsDil - lo;
                if (j < 0 || j % lhsDil != 0 || j / lhsDil >= s) continue;
                acc += lhs[b][ic][(int) (j / lhsDil)] * rhs[oc][ic][kk];
            }
            out[b][oc][q] = acc;
        }
        return out;
    }

    /** cuDNN's forward cross-correlation: y[n][o][q] = sum x[n][c][q * stride + k * dil - pad] * w[o][c][k]. */
    static double[][][] cudnnForward(double[][][] x, double[][][] w, int q, int pad, int stride, int dil) {
        int n = x.length, c = x[0].length, s = x[0][0].length, o = w.length, k = w[0][0].length;
        double[][][] y = new double[n][o][q];
        for (int b = 0; b < n; b++) for (int oc = 0; oc < o; oc++) for (int p = 0; p < q; p++) {
            double acc = 0;
            for (int ic = 0; ic < c; ic++) for (int kk = 0; kk < k; kk++) {
                int j = p * stride + kk * dil - pad;
                if (j >= 0 && j < s) acc += x[b][ic][j] * w[oc][ic][kk];
            }
            y[b][oc][p] = acc;
        }
        return y;
    }

    /** cuDNN's backward-filter of that forward: dw[o][c][k] = sum over n, q of dy[n][o][q] * x[n][c][q * stride + k * dil - pad]. */
    static double[][][] cudnnBackwardFilter(double[][][] x, double[][][] dy, int k, int pad, int stride, int dil) {
        int n = x.length, c = x[0].length, s = x[0][0].length, o = dy[0].length, q = dy[0][0].length;
        double[][][] dw = new double[o][c][k];
        for (int oc = 0; oc < o; oc++) for (int ic = 0; ic < c; ic++) for (int kk = 0; kk < k; kk++) {
            double acc = 0;
            for (int b = 0; b < n; b++) for (int p = 0; p < q; p++) {
                int j = p * stride + kk * dil - pad;
                if (j >= 0 && j < s) acc += dy[b][oc][p] * x[b][ic][j];
            }
            dw[oc][ic][kk] = acc;
        }
        return dw;
    }

    /**
     * What cuDNN computes for Triad's conv(x, w) (no input dilation, one group) under {@code plan},
     * with the operand handling of {@code ContractionOps}: forward as is; backward-filter on x
     * and w with their first two dimensions exchanged, the result exchanged back.
     */
    static double[][][] viaPlan(ConvPlan plan, double[][][] x, double[][][] w, int outSize) {
        return switch (plan.kind()) {
            case FORWARD -> cudnnForward(x, w, outSize, plan.pad()[0], plan.stride()[0], plan.dilation()[0]);
            case BACKWARD_FILTER -> swap01(cudnnBackwardFilter(swap01(x), swap01(w), outSize, plan.pad()[0], plan.stride()[0], plan.dilation()[0]));
            default -> throw new AssertionError(plan.toString());
        };
    }

    static double[][][] random(Random r, int a, int b, int c) {
        double[][][] v = new double[a][b][c];
        for (double[][] x : v) for (double[] y : x) for (int i = 0; i < y.length; i++) y[i] = r.nextInt(7) - 3;
        return v;
    }

    static double[][][] swap01(double[][][] v) {
        double[][][] t = new double[v[0].length][v.length][];
        for (int i = 0; i < v.length; i++) for (int j = 0; j < v[0].length; j++) t[j][i] = v[i][j].clone();
        return t;
    }

    @Test
    void kernelGradientRunsAsBackwardFilterAndMatchesTriadsRule() {
        Random r = new Random(7);
        int filterPlans = 0, cases = 0;
        for (int stride = 1; stride <= 3; stride++) for (int dil = 1; dil <= 2; dil++) for (int lo = 0; lo <= 2; lo++)
            for (int hi = 0; hi <= 2; hi++) for (int s = 7; s <= 9; s++) {
                int k = 3;
                long window = (long) (k - 1) * dil + 1;
                if (s + lo + hi < window) continue;
                int q = (int) ((s + lo + hi - window) / stride + 1);
                double[][][] lhs = random(r, 2, 3, s), g = random(r, 2, 4, q);
                // ConvPrimitive.rhsGradient: conv(lhs^T, g^T, strides=rhsDil, lo, hi', lhsDil=1, rhsDil=strides) -> [C, O, k]
                int hiGrad = (int) (window - 1 + (long) (q - 1) * stride + 1 - s - lo);
                double[][][] expected = triadConv(swap01(lhs), swap01(g), dil, lo, hiGrad, 1, stride);
                assertEquals(k, expected[0][0].length);
                ConvPlan plan = ConvPlan.of(new long[] {s}, new long[] {q}, new long[] {k}, new int[] {dil}, new int[] {lo}, new int[] {1}, new int[] {stride}, 1);
                cases++;
                if (plan.kind() == ConvPlan.Kind.BACKWARD_FILTER) filterPlans++;
                if (plan.kind() == ConvPlan.Kind.KERNEL) {
                    assertTrue(plan.reason().contains("padding that cuDNN's symmetric padding cannot express"), plan.reason());
                    assertTrue(lo != hi, "only asymmetric padding falls back: " + plan);
                } else {
                    assertArrayEquals(flat(expected), flat(viaPlan(plan, swap01(lhs), swap01(g), k)), 0,
                            plan + " for stride " + stride + " dil " + dil + " lo " + lo + " hi " + hi + " s " + s);
                }
            }
        // Every symmetric case ran on cuDNN (checked above); most of them as backward-filter (56 of 162 cases when written).
        assertTrue(filterPlans >= 50, filterPlans + " of " + cases + " kernel gradients ran as backward-filter");
    }

    @Test
    void forwardPlansMatchTriadsRule() {
        Random r = new Random(11);
        int forward = 0;
        for (int stride = 1; stride <= 3; stride++) for (int dil = 1; dil <= 2; dil++) for (int lo = 0; lo <= 2; lo++) for (int hi = 0; hi <= 2; hi++) {
            int s = 9, k = 3;
            double[][][] x = random(r, 2, 3, s), w = random(r, 4, 3, k);
            double[][][] expected = triadConv(x, w, stride, lo, hi, 1, dil);
            int q = expected[0][0].length;
            ConvPlan plan = ConvPlan.of(new long[] {s}, new long[] {k}, new long[] {q}, new int[] {stride}, new int[] {lo}, new int[] {1}, new int[] {dil}, 1);
            if (plan.kind() == ConvPlan.Kind.KERNEL) {
                assertTrue(plan.reason().contains("padding that cuDNN's symmetric padding cannot express"), plan.reason());
            } else {
                if (plan.kind() == ConvPlan.Kind.FORWARD) forward++;
                assertArrayEquals(flat(expected), flat(viaPlan(plan, x, w, q)), 0, plan.toString());
            }
        }
        assertTrue(forward >= 18, forward + " forward plans");
    }

    static double[] flat(double[][][] v) {
        List<Double> out = new ArrayList<>();
        for (double[][] a : v) for (double[] b : a) for (double d : b) out.add(d);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void planKindsAndReasons() {
        // 5x5 'valid' on 28x28: forward 28 -> 24; its kernel gradient reads 28 with a 24x24 "kernel" and makes 5x5.
        assertEquals(ConvPlan.Kind.FORWARD, ConvPlan.of(new long[] {28, 28}, new long[] {5, 5}, new long[] {24, 24}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, new int[] {1, 1}, 1).kind());
        ConvPlan f = ConvPlan.of(new long[] {28, 28}, new long[] {24, 24}, new long[] {5, 5}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, 1);
        assertEquals(ConvPlan.Kind.BACKWARD_FILTER, f.kind());
        // Kernel gradient of 3x3, stride 2, pad 1 on 8x8 (-> 4x4): cuDNN stride 2 (our kernel dilation), dilation 1, pad 1.
        ConvPlan g = ConvPlan.of(new long[] {8, 8}, new long[] {4, 4}, new long[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, 1);
        assertEquals(ConvPlan.Kind.BACKWARD_FILTER, g.kind());
        assertArrayEquals(new int[] {2, 2}, g.stride());
        assertArrayEquals(new int[] {1, 1}, g.dilation());
        assertArrayEquals(new int[] {1, 1}, g.pad());
        // Grouped kernel gradients are computed per group by the rule (groups = 1 each); a grouped conv shaped like one stays forward or kernel.
        assertEquals(ConvPlan.Kind.FORWARD, ConvPlan.of(new long[] {28}, new long[] {24}, new long[] {5}, new int[] {1}, new int[] {0}, new int[] {1}, new int[] {1}, 2).kind());
        assertEquals("4 spatial dimensions (cuDNN runs 1 to 3)", ConvPlan.of(new long[] {4, 4, 4, 4}, new long[] {1, 1, 1, 1}, new long[] {4, 4, 4, 4},
                new int[] {1, 1, 1, 1}, new int[] {0, 0, 0, 0}, new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, 1).reason());
        assertEquals("negative padding", ConvPlan.of(new long[] {8}, new long[] {3}, new long[] {4}, new int[] {1}, new int[] {-1}, new int[] {1}, new int[] {1}, 1).reason());
        assertEquals("input dilation together with strides",
                ConvPlan.of(new long[] {4}, new long[] {3}, new long[] {4}, new int[] {2}, new int[] {1}, new int[] {2}, new int[] {1}, 1).reason());
        assertTrue(g.toString().contains("BACKWARD_FILTER(pad [1, 1], stride [2, 2], dilation [1, 1])"), g.toString());
    }

    @Test
    void poolingReasons() {
        long[] in = {2, 3, 8, 8}, out = {2, 3, 4, 4};
        assertNull(PoolPlan.whyNot(in, out, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[] {0, 0, 0, 0}));
        assertEquals("a window over the batch or channel dimension", PoolPlan.whyNot(in, new long[] {2, 1, 4, 4}, new int[] {1, 3, 2, 2},
                new int[] {1, 1, 2, 2}, new int[] {0, 0, 0, 0}));
        assertEquals("padding not smaller than the window", PoolPlan.whyNot(in, new long[] {2, 3, 5, 5}, new int[] {1, 1, 2, 2},
                new int[] {1, 1, 2, 2}, new int[] {0, 0, 2, 2}));
        assertEquals("rank 2 (cuDNN pools 1 to 3 spatial dimensions below batch and channels)",
                PoolPlan.whyNot(new long[] {4, 4}, new long[] {2, 2}, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}));
        PoolPlan p = PoolPlan.of(new long[] {2, 3, 9}, new long[] {2, 3, 5}, new int[] {1, 1, 3}, new int[] {1, 1, 2}, new int[] {0, 0, 1});
        PoolDescriptors d = PoolDescriptors.of(DType.BF16, p, DnnTensor.packed(0, new long[] {2, 3, 9}), DnnTensor.packed(0, new long[] {2, 3, 5}));
        assertEquals(CUDNN_DATA_BFLOAT16, d.dataType());
        assertArrayEquals(new int[] {2, 3, 9, 1}, d.xDims());
        assertArrayEquals(new int[] {27, 9, 1, 1}, d.xStrides());
        assertArrayEquals(new int[] {3, 1}, d.window());
        assertArrayEquals(new int[] {1, 0}, d.pad());
        assertArrayEquals(new int[] {2, 1}, d.stride());
    }

    @Test
    void descriptorParametersAndCacheKeys() {
        // A 1-D kernel gradient: x [C=3, N=2, 9] read as [2, 3, 9] (strides exchanged), dy [O=4, N=2, 5] as [2, 4, 5], dw packed [4, 3, 3].
        ConvPlan plan = ConvPlan.of(new long[] {9}, new long[] {5}, new long[] {3}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {2}, 1);
        assertEquals(ConvPlan.Kind.BACKWARD_FILTER, plan.kind());
        DnnTensor x = DnnTensor.packed(0x1000, new long[] {3, 2, 9}).swap01(), dy = DnnTensor.packed(0x2000, new long[] {4, 2, 5}).swap01();
        DnnTensor dw = DnnTensor.packed(0x3000, new long[] {4, 3, 3});
        ConvDescriptors d = ConvDescriptors.of(DType.F16, false, plan, 1, x, dw, dy);
        assertArrayEquals(new int[] {2, 3, 9, 1}, d.xDims());
        assertArrayEquals(new int[] {9, 18, 1, 1}, d.xStrides());
        assertArrayEquals(new int[] {4, 3, 3, 1}, d.wDims());
        assertArrayEquals(new int[] {2, 4, 5, 1}, d.yDims());
        assertArrayEquals(new int[] {5, 10, 1, 1}, d.yStrides());
        assertArrayEquals(new int[] {1, 0}, d.pad());
        assertArrayEquals(new int[] {2, 1}, d.stride());
        assertArrayEquals(new int[] {1, 1}, d.dilation());
        assertEquals(2, d.spatial());
        assertEquals(CUDNN_DATA_HALF, d.dataType());
        assertEquals(CUDNN_DATA_FLOAT, d.computeType());
        assertEquals(CUDNN_DEFAULT_MATH, d.mathType());
        // Addresses are not part of the key; shapes, strides, types and parameters are.
        ConvDescriptors moved = ConvDescriptors.of(DType.F16, false, plan, 1, DnnTensor.packed(0x9000, new long[] {3, 2, 9}).swap01(), dw, dy);
        assertEquals(d.key(), moved.key());
        assertNotEquals(d.key(), ConvDescriptors.of(DType.BF16, false, plan, 1, x, dw, dy).key());
        assertNotEquals(d.key(), ConvDescriptors.of(DType.F16, false, plan, 1, DnnTensor.packed(0x1000, new long[] {2, 3, 9}), dw, dy).key());
        // A size-1 dimension's stride is irrelevant and normalised, so views that differ only there share descriptors.
        assertArrayEquals(new int[] {1, 1, 1, 1}, ConvDescriptors.strides(new DnnTensor(0, new long[] {1, 1, 1}, new long[] {0, 7, 1})));
        assertThrows(IllegalArgumentException.class, () -> ConvDescriptors.of(DType.F32, false,
                ConvPlan.of(new long[] {8}, new long[] {3}, new long[] {6}, new int[] {1}, new int[] {-1}, new int[] {1}, new int[] {1}, 1), 1, x, dw, dy));
    }

    @Test
    void dtypeTable() {
        assertNull(DnnTypes.unsupported(DType.F32, 7));
        assertNull(DnnTypes.unsupported(DType.F64, 7));
        assertNull(DnnTypes.unsupported(DType.F16, 7));
        assertNull(DnnTypes.unsupported(DType.BF16, 8));
        assertTrue(DnnTypes.unsupported(DType.BF16, 7).contains("8.0"));
        assertEquals("cuDNN has no i32 convolution or pooling", DnnTypes.unsupported(DType.I32, 9).replace("I32", "i32"));
        assertEquals(CUDNN_DATA_DOUBLE, DnnTypes.computeType(DType.F64));
        assertEquals(CUDNN_DATA_FLOAT, DnnTypes.computeType(DType.BF16));
        assertEquals(CUDNN_FMA_MATH, DnnTypes.mathType(DType.F32, false));
        assertEquals(CUDNN_DEFAULT_MATH, DnnTypes.mathType(DType.F32, true));
        assertTrue(DnnTypes.strictMath(DType.F64, true));
        assertTrue(!DnnTypes.strictMath(DType.F16, false));
        assertThrows(IllegalArgumentException.class, () -> DnnTypes.dataType(DType.I64));
    }

    @Test
    void algorithmChoiceIsDeterministicWithinTheWorkspaceLimit() {
        var fastNondeterministic = new ConvAlgorithms.Candidate(0, CUDNN_STATUS_SUCCESS, CUDNN_NON_DETERMINISTIC, 0, CUDNN_FMA_MATH);
        var unsupported = new ConvAlgorithms.Candidate(5, CUDNN_STATUS_NOT_SUPPORTED, CUDNN_DETERMINISTIC, 0, CUDNN_FMA_MATH);
        var hungry = new ConvAlgorithms.Candidate(2, CUDNN_STATUS_SUCCESS, CUDNN_DETERMINISTIC, 1L << 30, CUDNN_FMA_MATH);
        var tensorOps = new ConvAlgorithms.Candidate(6, CUDNN_STATUS_SUCCESS, CUDNN_DETERMINISTIC, 0, CUDNN_TENSOR_OP_MATH);
        var good = new ConvAlgorithms.Candidate(1, CUDNN_STATUS_SUCCESS, CUDNN_DETERMINISTIC, 1 << 20, CUDNN_DEFAULT_MATH);
        List<ConvAlgorithms.Candidate> ranked = List.of(fastNondeterministic, unsupported, hungry, tensorOps, good);
        // F32 without TF32 and F64: no tensor-core algorithm; 16-bit types and TF32: the best deterministic one.
        assertEquals(good, ConvAlgorithms.choose(ranked, ConvAlgorithms.WORKSPACE_LIMIT, true));
        assertEquals(tensorOps, ConvAlgorithms.choose(ranked, ConvAlgorithms.WORKSPACE_LIMIT, false));
        assertEquals(hungry, ConvAlgorithms.choose(ranked, 1L << 31, true));
        assertNull(ConvAlgorithms.choose(List.of(fastNondeterministic, unsupported), 1L << 31, true));
        assertEquals(CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1, ConvAlgorithms.fallback(ConvPlan.Kind.BACKWARD_FILTER));
        assertThrows(IllegalArgumentException.class, () -> ConvAlgorithms.fallback(ConvPlan.Kind.KERNEL));
    }

    @Test
    void descriptorCacheEvictsLeastRecentlyUsedAndClosesEverything() {
        List<String> closed = new ArrayList<>();
        record Entry(String name, List<String> log) implements AutoCloseable {
            @Override public void close() { log.add(name); }
        }
        DescriptorCache<Entry> cache = new DescriptorCache<>(2);
        Entry a = cache.get("a", k -> new Entry(k, closed));
        cache.get("b", k -> new Entry(k, closed));
        assertEquals(a, cache.get("a", k -> { throw new AssertionError("a is cached"); }));
        cache.get("c", k -> new Entry(k, closed)); // evicts b, the least recently used
        assertEquals(List.of("b"), closed);
        assertEquals(2, cache.size());
        assertEquals(1, cache.hits());
        assertEquals(3, cache.misses());
        cache.close();
        assertEquals(3, closed.size());
        assertEquals(0, cache.size());
        assertThrows(IllegalArgumentException.class, () -> new DescriptorCache<Entry>(0));
    }

    @Test
    void fallbacksAreCountedByOpAndReason() {
        Fallbacks f = new Fallbacks();
        f.record("conv", "negative padding");
        f.record("conv", "negative padding");
        f.record("reduce_window_max", "cuDNN has no i32 convolution or pooling");
        assertEquals(Map.of("conv: negative padding", 2L, "reduce_window_max: cuDNN has no i32 convolution or pooling", 1L), f.snapshot());
    }
}
