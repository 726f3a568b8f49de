package dev.triad.backend.opencl;

import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend on the machine's OpenCL device (PoCL in CI) against simple, hand-checked expectations. */
class OpenClBackendTest {
    private static OpenClBackend backend;
    private BackendOps o;

    @BeforeAll
    static void open() { backend = Devices.open(); }

    @AfterAll
    static void close() {
        if (backend != null) backend.close();
    }

    private BackendOps ops() {
        if (o == null) o = new BackendOps(backend);
        return o;
    }

    @AfterEach
    void releaseAndCheckNothingLeaks() {
        if (o != null) o.close();
        o = null;
        assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator().liveBlockReport());
    }

    private DeviceArray up(DType t, long[] shape, double... v) { return ops().upload(HostArray.fromDoubles(t, Shape.of(shape), v)); }

    private double[] down(DeviceArray a) { return backend.download(a).toDoubles(); }

    private long[] downLongs(DeviceArray a) { return backend.download(a).toLongs(); }

    @Test
    void broadcastingAndTransposedInputs() {
        BackendOps x = ops();
        DeviceArray a = up(DType.F32, new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        DeviceArray b = up(DType.F32, new long[] {3}, 10, 20, 30);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, down(x.add(a, b)));
        DeviceArray t = x.permute(a, new int[] {1, 0}); // [3, 2], strides (1, 3)
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, down(t));
        assertArrayEquals(new double[] {2, 8, 4, 10, 6, 12}, down(x.add(t, t)));
        DeviceArray view = a.view(a.offset() + 3, Shape.of(3), new long[] {-1}); // 4, 3, 2 read backwards from element 3
        assertArrayEquals(new double[] {4, 3, 2}, down(view));
        assertArrayEquals(new double[] {-4, -3, -2}, down(x.neg(view)));
        view.close();
    }

    @Test
    void integerArithmeticFollowsTriadsRules() {
        BackendOps x = ops();
        DeviceArray a = x.upload(HostArray.fromLongs(DType.I32, Shape.of(5), 7, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 5));
        DeviceArray b = x.upload(HostArray.fromLongs(DType.I32, Shape.of(5), 0, 2, -1, 1, -3));
        assertArrayEquals(new long[] {-1, -3, Integer.MIN_VALUE, Integer.MAX_VALUE, -1}, downLongs(x.div(a, b)), "x / 0 = -1, truncation, MIN / -1 wraps");
        assertArrayEquals(new long[] {7, -1, 0, 0, 2}, downLongs(x.apply(Prims.REM, Attrs.EMPTY, List.of(a, b))), "x rem 0 = x, dividend's sign");
        assertArrayEquals(new long[] {7, -5, Integer.MAX_VALUE, Integer.MIN_VALUE, 2}, downLongs(x.add(a, b)), "overflow wraps");
        DeviceArray u = x.upload(HostArray.fromLongs(DType.U8, Shape.of(2), 3, 250));
        DeviceArray v = x.upload(HostArray.fromLongs(DType.U8, Shape.of(2), 5, 10));
        assertArrayEquals(new long[] {254, 240}, downLongs(x.sub(u, v)), "u8 wraps");
        DeviceArray bools = x.upload(HostArray.fromBooleans(Shape.of(3), true, false, true));
        assertArrayEquals(new long[] {0, 1, 0}, downLongs(x.apply(Prims.NOT, Attrs.EMPTY, List.of(bools))));
    }

    @Test
    void floatSemanticsAndCasts() {
        BackendOps x = ops();
        double nan = Double.NaN;
        DeviceArray a = up(DType.F32, new long[] {6}, nan, 1, -2.5, 2.5, 0.5, -0.0);
        DeviceArray b = up(DType.F32, new long[] {6}, 1, nan, 3, 3, -1, 0.0);
        double[] mx = down(x.max(a, b));
        assertTrue(Double.isNaN(mx[0]) && Double.isNaN(mx[1]), "max propagates NaN");
        assertEquals(3, mx[2]);
        double[] sign = down(x.sign(a));
        assertTrue(Double.isNaN(sign[0]));
        assertArrayEquals(new double[] {1, -1, 1, 1}, java.util.Arrays.copyOfRange(sign, 1, 5));
        assertArrayEquals(new double[] {1, -2, 2, 0}, java.util.Arrays.copyOfRange(down(x.apply(Prims.ROUND, Attrs.EMPTY, List.of(a))), 1, 5), "half to even");
        DeviceArray big = up(DType.F64, new long[] {6}, nan, 1e10, -1e10, 300, -3.7, 3.7);
        assertArrayEquals(new long[] {0, Integer.MAX_VALUE, Integer.MIN_VALUE, 300, -3, 3}, downLongs(x.cast(big, DType.I32)), "truncate, saturate, NaN to 0");
        assertArrayEquals(new long[] {0, 255, 0, 255, 0, 3}, downLongs(x.cast(big, DType.U8)));
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, downLongs(x.cast(big, DType.BOOL)), "NaN != 0");
    }

    @Test
    void halfAndBfloat16ConvertExactlyAsJavaDoes() {
        BackendOps x = ops();
        int n = 1 << 16;
        HostArray halves = HostArray.zeros(DType.F16, Shape.of(n));
        HostArray bhalves = HostArray.zeros(DType.BF16, Shape.of(n));
        for (int i = 0; i < n; i++) {
            halves.segment().set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, (short) i);
            bhalves.segment().set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, (short) i);
        }
        float[] f = backend.download(x.cast(x.upload(halves), DType.F32)).toFloats();
        float[] bf = backend.download(x.cast(x.upload(bhalves), DType.F32)).toFloats();
        for (int i = 0; i < n; i++) {
            assertEquals(Float.float16ToFloat((short) i), f[i], "f16 bits " + i);
            assertEquals(Elements.bf16ToFloat((short) i), bf[i], "bf16 bits " + i);
        }
        // Rounding: halfway cases, subnormals, overflow, and random values.
        Random r = new Random(1);
        float[] vals = new float[4096];
        for (int i = 0; i < vals.length; i++) {
            int bits = r.nextInt();
            vals[i] = switch (i % 4) {
                case 0 -> Float.intBitsToFloat(bits);
                case 1 -> Float.float16ToFloat((short) bits) + Math.ulp(Float.float16ToFloat((short) bits)) * (r.nextInt(3) - 1) * 0.5f;
                case 2 -> Float.intBitsToFloat((bits & 0x8FFFFFFF) | 0x30000000); // around the f16 subnormal range
                default -> (float) (r.nextGaussian() * 70000);
            };
        }
        HostArray in = HostArray.fromFloats(DType.F32, Shape.of(vals.length), vals);
        HostArray h = backend.download(x.cast(x.upload(in), DType.F16));
        HostArray bh = backend.download(x.cast(x.upload(in), DType.BF16));
        for (int i = 0; i < vals.length; i++) {
            short want = Float.floatToFloat16(vals[i]);
            short got = h.segment().get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i);
            if (Float.isNaN(vals[i])) assertTrue(Float.isNaN(Float.float16ToFloat(got)));
            else assertEquals(want, got, "f16 of " + vals[i]);
            short bwant = Elements.floatToBf16(vals[i]);
            short bgot = bh.segment().get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i);
            assertEquals(bwant, bgot, "bf16 of " + vals[i]);
        }
    }

    @Test
    void matmulMatchesANaiveProductForOddSizesBatchesAndTransposes() {
        BackendOps x = ops();
        int m = 37, k = 19, n = 70;
        Random r = new Random(2);
        double[] av = new double[2 * m * k], bv = new double[k * n];
        for (int i = 0; i < av.length; i++) av[i] = r.nextInt(7) - 3;
        for (int i = 0; i < bv.length; i++) bv[i] = r.nextInt(7) - 3;
        DeviceArray a = up(DType.F32, new long[] {2, m, k}, av);
        DeviceArray bt = x.permute(up(DType.F32, new long[] {n, k}, transpose(bv, k, n)), new int[] {1, 0}); // [k, n], strided
        DeviceArray bc = up(DType.F32, new long[] {k, n}, bv); // contiguous rows: the vector kernel on CPU devices
        double[] got = down(x.matmul(a, bt));
        assertArrayEquals(got, down(x.matmul(a, bc)), "both matmul kernels give the same bits");
        for (int bi = 0; bi < 2; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) s += av[bi * m * k + i * k + q] * bv[q * n + j];
                    assertEquals(s, got[(bi * m + i) * n + j], "[" + bi + "," + i + "," + j + "]");
                }
            }
        }
        DeviceArray ia = x.upload(HostArray.fromLongs(DType.I64, Shape.of(1, 2), Long.MAX_VALUE, 3));
        DeviceArray ib = x.upload(HostArray.fromLongs(DType.I64, Shape.of(2, 1), 2, 5));
        assertArrayEquals(new long[] {Long.MAX_VALUE * 2 + 15}, downLongs(x.matmul(ia, ib)), "integer matmul wraps");
    }

    private static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = v[i * cols + j];
        return t;
    }

    @Test
    void reductionsAndArgExtrema() {
        BackendOps x = ops();
        int rows = 3, cols = 1000;
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (i % 7) - 3;
        DeviceArray a = up(DType.F64, new long[] {rows, cols}, v);
        double[] sums = down(x.sum(a, new int[] {1}, false)); // few long rows: the work-group kernel
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) s += v[i * cols + j];
            assertEquals(s, sums[i]);
        }
        assertArrayEquals(new double[] {3, 3, 3}, down(x.reduceMax(a, new int[] {1}, false)));
        DeviceArray c = up(DType.F32, new long[] {2, 4}, 1, 5, 5, 2, 0, Double.NaN, 9, Double.NaN);
        assertArrayEquals(new long[] {1, 1}, downLongs(x.apply(Prims.ARGMAX, Attrs.of(Keys.AXIS, 1, Keys.KEEP_DIMS, false), List.of(c))),
                "first maximum; a NaN is the maximum");
        DeviceArray big = up(DType.F32, new long[] {4096}, new double[4096]);
        assertArrayEquals(new long[] {0}, downLongs(x.apply(Prims.ARGMIN, Attrs.of(Keys.AXIS, 0, Keys.KEEP_DIMS, false), List.of(big))),
                "ties across work-items go to the lowest index");
    }

    @Test
    void gatherChecksIndicesAndScatterAddSumsInOrder() {
        BackendOps x = ops();
        DeviceArray operand = up(DType.F32, new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        DeviceArray idx = x.upload(HostArray.fromLongs(DType.I64, Shape.of(2, 2), 2, 0, 1, 1));
        assertArrayEquals(new double[] {3, 1, 5, 5}, down(x.gather(operand, idx, 1)));
        DeviceArray bad = x.upload(HostArray.fromLongs(DType.I32, Shape.of(2, 1), 0, 3));
        IndexOutOfRangeException e = assertThrows(IndexOutOfRangeException.class, () -> x.gather(operand, bad, 1));
        assertTrue(e.getMessage().contains("index 3 is out of range for axis 1 of size 3"), e.getMessage());
        DeviceArray upd = up(DType.F32, new long[] {2, 2}, 10, 20, 30, 40);
        assertArrayEquals(new double[] {21, 2, 13, 4, 75, 6}, down(x.scatterAdd(operand, idx, upd, 1)));
        DeviceArray negative = x.upload(HostArray.fromLongs(DType.I64, Shape.of(2, 2), 0, -1, 0, 0));
        assertThrows(IndexOutOfRangeException.class, () -> x.scatterAdd(operand, negative, upd, 1));
    }

    @Test
    void randomBitsAreThreefrysBits() {
        BackendOps x = ops();
        for (int n : new int[] {1, 7, 1000}) {
            DeviceArray key = x.upload(HostArray.fromInts(DType.I32, Shape.of(2), 42, -7));
            long[] got = downLongs(x.apply(Prims.RANDOM_BITS, Attrs.of(Keys.SHAPE, Shape.of(n)), List.of(key)));
            int[] want = Threefry.randomBits(new int[] {42, -7}, n);
            for (int i = 0; i < n; i++) assertEquals(want[i], (int) got[i], "element " + i + " of " + n);
        }
    }

    @Test
    void convolutionMatchesADirectLoop() {
        BackendOps x = ops();
        // [1, 2, 5] input, [2, 1, 3] kernel, 2 groups, stride 2, padding 1/0, kernel dilation 1.
        DeviceArray in = up(DType.F32, new long[] {1, 2, 5}, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50);
        DeviceArray w = up(DType.F32, new long[] {2, 1, 3}, 1, 0, -1, 2, 1, 0);
        DeviceArray out = x.conv(in, w, new int[] {2}, new int[] {1}, new int[] {0}, new int[] {1}, new int[] {1}, 2);
        // group 0: padded [0,1,2,3,4,5], windows at 0,2: 0*1+1*0+2*-1 = -2; 2-4 = -2
        // group 1: padded [0,10,20,30,40,50]: 0*2+10 = 10; 20*2+30 = 70
        assertArrayEquals(new double[] {-2, -2, 10, 70}, down(out));
    }

    @Test
    void copyIntoConvertsIntoStridedViewsAndDownloadsCompactStridedArrays() {
        BackendOps x = ops();
        DeviceArray dst = up(DType.I32, new long[] {2, 2}, 0, 0, 0, 0);
        DeviceArray col = dst.view(dst.offset() + 1, Shape.of(2), new long[] {2}); // the second column
        backend.copyInto(up(DType.F64, new long[] {2}, 7.9, -1.5), col);
        assertArrayEquals(new long[] {0, 7, 0, -1}, downLongs(dst));
        assertArrayEquals(new long[] {7, -1}, downLongs(col));
        col.close();
        DeviceArray sliced = x.slice(up(DType.F32, new long[] {6}, 0, 1, 2, 3, 4, 5), new long[] {1}, new long[] {6}, new long[] {2});
        assertArrayEquals(new double[] {1, 3, 5}, down(sliced));
        DeviceArray padded = x.pad(up(DType.F32, new long[] {2}, 1, 2), new long[] {1}, new long[] {-1}, new long[] {1}, 9);
        assertArrayEquals(new double[] {9, 1, 9}, down(padded));
    }

    @Test
    void aGridSmallerThanTheArrayStillCoversEveryElement() {
        // Other launchers (the CUDA backend) cap their grids; the kernels then stride.
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        DeviceArray a = up(DType.F32, new long[] {1000}, v);
        DeviceArray out = ops().keep(up(DType.F32, new long[] {1000}, new double[1000]));
        try {
            long[] dims = {1000};
            long[] meta = dev.triad.codegen.c.ElementwiseMeta.pack("neg", dims,
                    List.of(dev.triad.codegen.c.Strided.contiguous(dims), dev.triad.codegen.c.Strided.contiguous(dims)), 2);
            String name = dev.triad.codegen.c.KernelNames.unary(Prims.NEG, DType.F32);
            ClRuntime rt = backend.runtime();
            rt.launch("neg", rt.kernel(DType.F32, name), name, new long[] {64}, new long[] {64},
                    dev.triad.backend.opencl.kernels.Exec.mem(out), dev.triad.backend.opencl.kernels.Exec.mem(a), meta);
            double[] got = down(out);
            for (int i = 0; i < v.length; i++) assertEquals(-v[i], got[i], "element " + i);
        } finally {
            out.close();
        }
    }

    @Test
    void theDeviceListsVersionAndExtensions() {
        var d = backend.devices().get(0);
        assertTrue(d.id().startsWith("opencl:"));
        assertTrue(d.properties().get("opencl").startsWith("OpenCL"), d.properties().toString());
        assertTrue(d.properties().containsKey("extensions"));
        assertTrue(backend.supports(Prims.MATMUL, DType.F32).supported());
        assertTrue(!backend.supports(Prims.SOFTMAX, DType.F32).supported(), "composites run as decompositions");
    }

    @Test
    void backendsOpenHandsTheDeviceSuffixToTheProvider() {
        String first = backend.devices().get(0).id();
        try (var b = dev.triad.spi.backend.Backends.open(first)) {
            assertTrue(b.defaultDevice().id().equals(first), b.defaultDevice().id());
        }
        int missing = backend.devices().size();
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.triad.spi.error.BackendUnavailableException.class,
                () -> dev.triad.spi.backend.Backends.open("opencl:" + missing));
        assertTrue(e.getMessage().contains("no OpenCL device opencl:" + missing), e.getMessage());
    }
}
