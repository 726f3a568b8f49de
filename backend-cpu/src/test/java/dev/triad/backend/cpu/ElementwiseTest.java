package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.array;
import static dev.triad.backend.cpu.CpuTesting.assertValues;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.longs;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;
import static dev.triad.backend.cpu.CpuTesting.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ElementwiseTest {
    @Test
    void addBroadcastsAColumnAgainstAFlippedRow() {
        try (DeviceArray base = iota(DType.F32, 8)) {
            // Column [0, 1] as a [2, 1] view with stride 4 from offset 0 of base: values 0, 4.
            DeviceArray col = view(base, 0, new long[] {2, 1}, new long[] {4, 1});
            // Row [3, 2, 1] (a flipped slice of base): offset 3, stride -1.
            DeviceArray row = view(base, 3, new long[] {3}, new long[] {-1});
            DeviceArray sum = run(Prims.ADD, Attrs.EMPTY, col, row);
            assertValues(new double[] {3, 2, 1, 7, 6, 5}, sum);
            CpuTesting.close(col, row, sum);
        }
    }

    @Test
    void unaryReadsATransposedOffsetView() {
        try (DeviceArray base = iota(DType.F64, 13)) {
            // [[1, 2, 3], [4, 5, 6]] starting at offset 1, read transposed as [3, 2].
            DeviceArray t = view(base, 1, new long[] {3, 2}, new long[] {1, 3});
            DeviceArray neg = run(Prims.NEG, Attrs.EMPTY, t);
            assertValues(new double[] {-1, -4, -2, -5, -3, -6}, neg);
            DeviceArray e = run(Prims.EXP, Attrs.EMPTY, t);
            double[] got = values(e);
            double[] in = {1, 4, 2, 5, 3, 6};
            for (int i = 0; i < 6; i++) assertEquals(Math.exp(in[i]), got[i], 1e-15 * Math.exp(in[i]));
            CpuTesting.close(t, neg, e);
        }
    }

    @Test
    void scalarBroadcastOverALongVectorUsesTheVectorPathAndTheTail() {
        int n = 3 * 1024 + 7;
        try (DeviceArray x = iota(DType.F32, n); DeviceArray two = array(DType.F32, new long[] {}, 2)) {
            DeviceArray y = run(Prims.MUL, Attrs.EMPTY, x, two);
            double[] got = values(y);
            for (int i = 0; i < n; i++) assertEquals(2.0 * i, got[i]);
            y.close();
        }
    }

    @Test
    void integerDivisionTruncatesAndDivisionByZeroIsMinusOne() {
        try (DeviceArray a = array(DType.I32, new long[] {6}, 7, -7, 7, -7, 5, Integer.MIN_VALUE);
             DeviceArray b = array(DType.I32, new long[] {6}, 2, 2, -2, 0, 0, -1)) {
            DeviceArray q = run(Prims.DIV, Attrs.EMPTY, a, b);
            assertArrayEquals(new long[] {3, -3, -3, -1, -1, Integer.MIN_VALUE}, longs(q));
            DeviceArray r = run(Prims.REM, Attrs.EMPTY, a, b);
            assertArrayEquals(new long[] {1, -1, 1, -7, 5, 0}, longs(r));
            CpuTesting.close(q, r);
        }
    }

    @Test
    void floatRemainderHasTheDividendsSignAndMaxPropagatesNaN() {
        try (DeviceArray a = array(DType.F32, new long[] {4}, -7.5, 7.5, Double.NaN, 1);
             DeviceArray b = array(DType.F32, new long[] {4}, 2, -2, 1, Double.NaN)) {
            DeviceArray r = run(Prims.REM, Attrs.EMPTY, a, b);
            double[] rv = values(r);
            assertEquals(-1.5, rv[0]);
            assertEquals(1.5, rv[1]);
            DeviceArray mx = run(Prims.MAX, Attrs.EMPTY, a, b);
            DeviceArray mn = run(Prims.MIN, Attrs.EMPTY, a, b);
            assertValues(new double[] {2, 7.5, Double.NaN, Double.NaN}, mx);
            assertValues(new double[] {-7.5, -2, Double.NaN, Double.NaN}, mn);
            CpuTesting.close(r, mx, mn);
        }
    }

    @Test
    void signRoundAndSpecialValues() {
        try (DeviceArray x = array(DType.F64, new long[] {7}, -0.0, 0.0, Double.NaN, -3, 2.5, 3.5, -2.5)) {
            DeviceArray s = run(Prims.SIGN, Attrs.EMPTY, x);
            double[] sv = values(s);
            assertEquals(0.0, sv[0]);
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(sv[0]), "sign(-0) is +0");
            assertEquals(0.0, sv[1]);
            assertEquals(Double.NaN, sv[2]);
            assertEquals(-1.0, sv[3]);
            DeviceArray r = run(Prims.ROUND, Attrs.EMPTY, x);
            double[] rv = values(r);
            assertEquals(2.0, rv[4]);
            assertEquals(4.0, rv[5]);
            assertEquals(-2.0, rv[6]);
            CpuTesting.close(s, r);
        }
    }

    @Test
    void bf16ComputesInF32AndRoundsOnStore() {
        try (DeviceArray a = array(DType.BF16, new long[] {2}, 1, 256); DeviceArray b = array(DType.BF16, new long[] {2}, 1.0 / 256, 1)) {
            DeviceArray s = run(Prims.ADD, Attrs.EMPTY, a, b);
            // 1 + 2^-8 needs 9 mantissa bits: bf16 keeps 8 (7 stored), so it rounds to even: 1.
            // 256 + 1 rounds to 256 for the same reason.
            assertValues(new double[] {1, 256}, s);
            s.close();
        }
    }

    @Test
    void comparisonsGiveBoolAndNotIsLogicalOnBoolBitwiseOnIntegers() {
        try (DeviceArray a = array(DType.F32, new long[] {3}, 1, Double.NaN, 3); DeviceArray b = array(DType.F32, new long[] {3}, 2, Double.NaN, 3)) {
            DeviceArray lt = run(Prims.LT, Attrs.EMPTY, a, b);
            DeviceArray ne = run(Prims.NE, Attrs.EMPTY, a, b);
            assertEquals(DType.BOOL, lt.dtype());
            assertArrayEquals(new long[] {1, 0, 0}, longs(lt));
            assertArrayEquals(new long[] {1, 1, 0}, longs(ne));
            DeviceArray notLt = run(Prims.NOT, Attrs.EMPTY, lt);
            assertArrayEquals(new long[] {0, 1, 1}, longs(notLt));
            CpuTesting.close(lt, ne, notLt);
        }
        try (DeviceArray i = array(DType.I32, new long[] {2}, 0, 5); DeviceArray u = array(DType.U8, new long[] {2}, 0, 5)) {
            DeviceArray ni = run(Prims.NOT, Attrs.EMPTY, i);
            DeviceArray nu = run(Prims.NOT, Attrs.EMPTY, u);
            assertArrayEquals(new long[] {-1, -6}, longs(ni));
            assertArrayEquals(new long[] {255, 250}, longs(nu));
            CpuTesting.close(ni, nu);
        }
    }

    @Test
    void castSaturatesFloatsWrapsIntegersAndTestsNonZeroForBool() {
        try (DeviceArray f = array(DType.F32, new long[] {5}, 3.9, -3.9, Double.NaN, 1e20, -1e20)) {
            DeviceArray i = run(Prims.CAST, Attrs.of(Keys.DTYPE, DType.I32), f);
            assertArrayEquals(new long[] {3, -3, 0, Integer.MAX_VALUE, Integer.MIN_VALUE}, longs(i));
            DeviceArray u = run(Prims.CAST, Attrs.of(Keys.DTYPE, DType.U8), f);
            assertArrayEquals(new long[] {3, 0, 0, 255, 0}, longs(u));
            DeviceArray b = run(Prims.CAST, Attrs.of(Keys.DTYPE, DType.BOOL), f);
            assertArrayEquals(new long[] {1, 1, 1, 1, 1}, longs(b));
            CpuTesting.close(i, u, b);
        }
        try (DeviceArray l = array(DType.I64, new long[] {2}, 300, -1)) {
            DeviceArray u = run(Prims.CAST, Attrs.of(Keys.DTYPE, DType.U8), l);
            assertArrayEquals(new long[] {44, 255}, longs(u));
            u.close();
        }
    }

    @Test
    void whereBroadcastsTheConditionAndKeepsBits() {
        try (DeviceArray c = array(DType.BOOL, new long[] {2, 1}, 1, 0); DeviceArray x = iota(DType.I64, 2, 3);
             DeviceArray y = array(DType.I64, new long[] {}, -1)) {
            DeviceArray w = run(Prims.WHERE, Attrs.EMPTY, c, x, y);
            assertArrayEquals(new long[] {0, 1, 2, -1, -1, -1}, longs(w));
            w.close();
        }
    }

    @Test
    void transposedOperandsWalkInTiles() {
        int rows = 70, cols = 45;
        try (DeviceArray a = iota(DType.F32, rows, cols); DeviceArray bStore = iota(DType.F64, 2, cols, rows)) {
            // b[i, j] = bStore[1, j, i]: the second slab read transposed (offset, strides [1, rows]).
            DeviceArray b = view(bStore, (long) cols * rows, new long[] {rows, cols}, new long[] {1, rows});
            DeviceArray bf = run(Prims.CAST, Attrs.of(Keys.DTYPE, DType.F32), b);
            DeviceArray sum = run(Prims.ADD, Attrs.EMPTY, a, bf);
            DeviceArray at = view(a, 0, new long[] {cols, rows}, new long[] {1, cols});
            DeviceArray copy = run(Prims.NEG, Attrs.EMPTY, at);
            double[] s = values(sum), c = values(copy);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(i * cols + j + (cols * rows + j * rows + i), s[i * cols + j], 0.0);
                    assertEquals(-(i * cols + j), c[j * rows + i], 0.0);
                }
            }
            CpuTesting.close(b, bf, sum, at, copy);
        }
    }

    @Test
    void largeInputsSplitAcrossThreadsGiveTheSameResult() {
        int n = 1 << 20;
        try (DeviceArray x = iota(DType.F32, n)) {
            DeviceArray s = run(Prims.SQRT, Attrs.EMPTY, x);
            double[] got = values(s);
            for (int i = 0; i < n; i += 997) assertEquals((float) Math.sqrt(i), got[i], 0.0);
            s.close();
        }
    }
}
