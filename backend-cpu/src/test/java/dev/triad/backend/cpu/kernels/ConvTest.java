package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuTesting;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertClose;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;

class ConvTest {
    private static Attrs attrs(int[] strides, int[] lo, int[] hi, int[] lhsDil, int[] rhsDil, int groups) {
        return Attrs.builder().put(Keys.STRIDES, strides).put(Keys.PAD_LOW, lo).put(Keys.PAD_HIGH, hi)
                .put(Keys.LHS_DILATION, lhsDil).put(Keys.RHS_DILATION, rhsDil).put(Keys.GROUPS, groups).build();
    }

    @Test
    void oneDimensionalByHand() {
        // Input [1, 2, 3, 4, 5], kernel [1, 0, -1], padding 1 on both sides, stride 2.
        try (DeviceArray x = array(DType.F32, new long[] {1, 1, 5}, 1, 2, 3, 4, 5); DeviceArray w = array(DType.F32, new long[] {1, 1, 3}, 1, 0, -1);
             DeviceArray y = run(Prims.CONV, attrs(new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, 1), x, w)) {
            // Windows over [0, 1, 2, 3, 4, 5, 0] at 0, 2, 4: 0 - 2, 2 - 4, 4 - 0.
            assertValues(new double[] {-2, -2, 4}, y);
        }
    }

    @Test
    void transposedConvolutionInsertsZerosBetweenInputs() {
        // lhs dilation 2 turns [1, 2, 3] into [1, 0, 2, 0, 3]; kernel [1, 1] then gives pairwise sums.
        try (DeviceArray x = array(DType.F64, new long[] {1, 1, 3}, 1, 2, 3); DeviceArray w = array(DType.F64, new long[] {1, 1, 2}, 1, 1);
             DeviceArray y = run(Prims.CONV, attrs(new int[] {1}, new int[] {0}, new int[] {0}, new int[] {2}, new int[] {1}, 1), x, w)) {
            assertValues(new double[] {1, 2, 2, 3}, y);
        }
    }

    /** The im2col path against the direct loop on random problems covering every attribute. */
    @Test
    void unrolledPathMatchesTheDirectLoop() {
        Random rng = new Random(7);
        int[][] cases = {
            // d, N, C, O, groups, spatial, kernel, stride, lo, hi, lhsDil, rhsDil
            {1, 2, 3, 4, 1, 9, 3, 1, 1, 1, 1, 1},
            {2, 1, 4, 6, 2, 7, 3, 2, 1, 0, 1, 1},
            {2, 2, 3, 2, 1, 6, 2, 1, -1, 2, 2, 1},
            {2, 1, 2, 3, 1, 8, 3, 3, 2, 2, 1, 2},
            {3, 1, 2, 2, 2, 5, 2, 1, 0, 1, 1, 1},
            {2, 1, 1, 1, 1, 40, 5, 1, 2, 2, 1, 1},
        };
        for (int[] c : cases) {
            int d = c[0], n = c[1], ch = c[2], o = c[3], g = c[4];
            long[] xs = new long[d + 2], ws = new long[d + 2];
            xs[0] = n; xs[1] = ch; ws[0] = o; ws[1] = ch / g;
            int[] strides = new int[d], lo = new int[d], hi = new int[d], ld = new int[d], rd = new int[d];
            for (int i = 0; i < d; i++) {
                xs[i + 2] = c[5] + i;
                ws[i + 2] = c[6];
                strides[i] = c[7];
                lo[i] = c[8];
                hi[i] = c[9];
                ld[i] = c[10];
                rd[i] = c[11];
            }
            for (DType t : new DType[] {DType.F32, DType.F64}) {
                Attrs a = attrs(strides, lo, hi, ld, rd, g);
                try (DeviceArray x = array(t, xs, gaussian(rng, xs)); DeviceArray w = array(t, ws, gaussian(rng, ws));
                     DeviceArray y = run(Prims.CONV, a, x, w)) {
                    double[] expected = direct(a, x, w, y);
                    assertClose(expected, values(y), t == DType.F32 ? 1e-5 : 1e-13, "conv case " + java.util.Arrays.toString(c) + " " + t);
                }
            }
        }
    }

    private static double[] gaussian(Random rng, long[] shape) {
        double[] v = new double[(int) Dims.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return v;
    }

    /** Runs {@link ConvKernel#direct} in F64 on the same inputs. */
    private static double[] direct(Attrs a, DeviceArray x, DeviceArray w, DeviceArray like) {
        StridedView xv = hostView(x), wv = hostView(w);
        long[] shape = like.shape().toArray();
        StridedView out = StridedView.contiguous(MemorySegment.ofArray(new byte[(int) Dims.numel(shape) * 8]), DType.F64, shape);
        ConvKernel.direct(new ConvGeometry(a, xv, wv, out), xv, wv, out, CpuThreads.shared());
        double[] r = new double[(int) Dims.numel(shape)];
        for (int i = 0; i < r.length; i++) r[i] = out.segment().getAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
        return r;
    }

    private static StridedView hostView(DeviceArray a) {
        double[] v = values(a);
        MemorySegment s = MemorySegment.ofArray(v);
        return StridedView.contiguous(s, DType.F64, a.shape().toArray());
    }

    @Test
    void kernelReadThroughAPermutedView() {
        // A kernel read through a permuted view ([O, C, k] from storage [C, O, k]) still convolves correctly.
        try (DeviceArray x = array(DType.F32, new long[] {1, 2, 3}, 1, 2, 3, 4, 5, 6);
             DeviceArray store = array(DType.F32, new long[] {2, 2, 1}, 1, 10, 100, 1000)) {
            DeviceArray w = CpuTesting.view(store, 0, new long[] {2, 2, 1}, new long[] {1, 2, 1});
            DeviceArray y = run(Prims.CONV, attrs(new int[] {1}, new int[] {0}, new int[] {0}, new int[] {1}, new int[] {1}, 1), x, w);
            // w[o=0] = [1, 100], w[o=1] = [10, 1000].
            assertValues(new double[] {401, 502, 603, 4010, 5020, 6030}, y);
            CpuTesting.close(w, y);
        }
    }
}
