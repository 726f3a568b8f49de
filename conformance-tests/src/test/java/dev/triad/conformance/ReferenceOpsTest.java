package dev.triad.conformance;

import dev.triad.conformance.reference.DirectFormulas;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.reference.SpecialFunctions;
import dev.triad.conformance.reference.Threefry;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values for the reference interpreter, so that it is checked against something other than itself. */
class ReferenceOpsTest {
    private static final ReferenceOps O = ReferenceOps.INSTANCE;

    private static RefArray f64(long[] dims, double... v) { return RefArray.of(DType.F64, Shape.of(dims), v); }
    private static long[] d(long... v) { return v; }

    @Test
    void threefryKnownAnswers() {
        int[] y = Threefry.hash(0, 0, 0, 0);
        assertEquals(0x6b200159, y[0]);
        assertEquals(0x99ba4efe, y[1]);
        // Random123's second test vector: all-ones key and counter.
        int[] ones = Threefry.hash(-1, -1, -1, -1);
        assertEquals(0x1cb996fc, ones[0]);
        assertEquals(0xbb002be7, ones[1]);
        // And the digits-of-pi vector: counter (0x243f6a88, 0x85a308d3), key (0x13198a2e, 0x03707344).
        int[] pi = Threefry.hash(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3);
        assertEquals(0xc4923a9c, pi[0]);
        assertEquals(0x483df7a0, pi[1]);
        // jax.random.split(PRNGKey(0)).
        int[] split = Threefry.randomBits(0, 0, 4);
        assertArrayEquals(new int[] {(int) 4146024105L, 967050713, (int) 2718843009L, 1272950319}, split);
    }

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0.5204998778130465, SpecialFunctions.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, SpecialFunctions.erf(1.0), 1e-15);
        assertEquals(-0.9953222650189527, SpecialFunctions.erf(-2.0), 1e-15);
        assertEquals(0.9999999845827421, SpecialFunctions.erf(4.0), 1e-15);
        assertEquals(0.0, SpecialFunctions.erf(0.0));
        assertEquals(1.0, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
    }

    @Test
    void elementwiseBroadcastsAndRounds() {
        RefArray a = f64(d(2, 1), 1, 2), b = f64(d(3), 10, 20, 30);
        assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, O.add(a, b).toDoubles());
        RefArray third = O.div(RefArray.of(DType.F32, Shape.SCALAR, 1), RefArray.of(DType.F32, Shape.SCALAR, 3));
        assertEquals((double) (1f / 3f), third.get(0));
        RefArray bf = O.add(RefArray.of(DType.BF16, Shape.SCALAR, 1), RefArray.of(DType.BF16, Shape.SCALAR, 1.0 / 256));
        assertEquals(1.0, bf.get(0), "1 + 2^-8 rounds to even (1.0) in bf16");
    }

    @Test
    void integerArithmeticIsExactAndWraps() {
        RefArray big = RefArray.ofLongs(DType.I64, Shape.of(1), (1L << 53) + 1);
        assertEquals((1L << 53) + 2, O.add(big, RefArray.ofLongs(DType.I64, Shape.of(1), 1)).getLong(0));
        RefArray max = RefArray.ofLongs(DType.I32, Shape.SCALAR, Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, O.add(max, RefArray.ofLongs(DType.I32, Shape.SCALAR, 1)).getLong(0));
        RefArray q = O.div(RefArray.ofLongs(DType.I32, Shape.of(3), 7, -7, 5), RefArray.ofLongs(DType.I32, Shape.of(3), 2, 2, 0));
        assertArrayEquals(new long[] {3, -3, -1}, q.toLongs());
        RefArray r = O.rem(RefArray.ofLongs(DType.I32, Shape.of(3), 7, -7, 5), RefArray.ofLongs(DType.I32, Shape.of(3), 2, 2, 0));
        assertArrayEquals(new long[] {1, -1, 5}, r.toLongs());
    }

    @Test
    void castTruncatesSaturatesAndMapsNaNToZero() {
        RefArray x = RefArray.of(DType.F32, Shape.of(5), -2.7, Double.NaN, 1e10, 300, -5);
        assertArrayEquals(new long[] {-2, 0, Integer.MAX_VALUE, 300, -5}, O.cast(x, DType.I32).toLongs());
        assertArrayEquals(new long[] {0, 0, 255, 255, 0}, O.cast(x, DType.U8).toLongs());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1}, O.cast(x, DType.BOOL).toLongs());
        RefArray big = RefArray.ofLongs(DType.I64, Shape.of(1), (1L << 24) + 1);
        assertEquals(16777216.0, O.cast(big, DType.F32).get(0));
    }

    @Test
    void reductionsAndArgExtrema() {
        RefArray x = f64(d(2, 3), 1, 5, 2, 7, 0, 7);
        assertArrayEquals(new double[] {8, 14}, O.sum(x, new int[] {1}, false).toDoubles());
        assertArrayEquals(new double[] {7, 5, 7}, O.reduceMax(x, new int[] {0}, false).toDoubles());
        assertArrayEquals(new long[] {1, 0}, O.argmax(x, 1, false).toLongs(), "first maximum wins");
        assertEquals(Shape.of(2, 1), O.prod(x, new int[] {1}, true).shape());
        assertArrayEquals(new double[] {10, 0}, O.prod(x, new int[] {1}, false).toDoubles());
        assertEquals(0.0, O.sum(f64(d(0)), new int[] {0}, false).get(0));
        assertTrue(Double.isNaN(O.reduceMax(f64(d(3), 1, Double.NaN, 2), new int[] {0}, false).get(0)));
    }

    @Test
    void movement() {
        RefArray x = f64(d(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, O.permute(x, 1, 0).toDoubles());
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4}, O.flip(x, 1).toDoubles());
        assertArrayEquals(new double[] {1, 3, 4, 6}, O.slice(x, d(0, 0), d(2, 3), d(1, 2)).toDoubles());
        RefArray p = O.pad(x, d(1, -1), d(0, 1), d(0, 1), 9);
        assertEquals(Shape.of(3, 5), p.shape());
        assertArrayEquals(new double[] {9, 9, 9, 9, 9, 9, 2, 9, 3, 9, 9, 5, 9, 6, 9}, p.toDoubles());
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}, O.concat(1, List.of(x, x)).toDoubles());
    }

    @Test
    void gatherScatterAndIndexErrors() {
        RefArray x = f64(d(2, 3), 1, 2, 3, 4, 5, 6);
        RefArray idx = RefArray.ofLongs(DType.I64, Shape.of(2, 2), 2, 0, 1, 1);
        RefArray g = O.apply(Prims.GATHER, Attrs.of(Keys.AXIS, 1), List.of(x, idx));
        assertArrayEquals(new double[] {3, 1, 5, 5}, g.toDoubles());
        RefArray s = O.apply(Prims.SCATTER_ADD, Attrs.of(Keys.AXIS, 1), List.of(x, idx, f64(d(2, 2), 10, 20, 30, 40)));
        assertArrayEquals(new double[] {21, 2, 13, 4, 75, 6}, s.toDoubles());
        RefArray bad = RefArray.ofLongs(DType.I64, Shape.of(2, 1), 0, 3);
        IndexOutOfRangeException e = assertThrows(IndexOutOfRangeException.class, () -> O.apply(Prims.GATHER, Attrs.of(Keys.AXIS, 1), List.of(x, bad)));
        assertEquals("gather", e.op());
    }

    @Test
    void matmulAndConv() {
        RefArray a = f64(d(2, 2), 1, 2, 3, 4), b = f64(d(2, 2), 5, 6, 7, 8);
        assertArrayEquals(new double[] {19, 22, 43, 50}, O.matmul(a, b).toDoubles());
        // 1-d conv of [1,2,3,4] with kernel [1,0,-1], padding 1: cross-correlation.
        RefArray lhs = f64(d(1, 1, 4), 1, 2, 3, 4), rhs = f64(d(1, 1, 3), 1, 0, -1);
        RefArray c = O.conv(lhs, rhs, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, 1);
        assertArrayEquals(new double[] {-2, -2, -2, 3}, c.toDoubles());
        // lhs dilation 2 inserts a zero between elements: [1,0,2], kernel [1,1] -> [1, 2].
        RefArray t = O.conv(f64(d(1, 1, 2), 1, 2), f64(d(1, 1, 2), 1, 1), new int[] {1}, new int[] {0}, new int[] {0}, new int[] {2}, new int[] {1}, 1);
        assertArrayEquals(new double[] {1, 2}, t.toDoubles());
    }

    @Test
    void windows() {
        RefArray x = f64(d(5), 1, 3, 2, 5, 4);
        RefArray m = O.reduceWindowMax(x, new int[] {2}, new int[] {2}, new int[] {0}, new int[] {1});
        assertArrayEquals(new double[] {3, 5, 4}, m.toDoubles());
        RefArray s = O.reduceWindowSum(x, new int[] {3}, new int[] {1}, new int[] {1}, new int[] {1});
        assertArrayEquals(new double[] {4, 6, 10, 11, 9}, s.toDoubles());
        RefArray sas = O.apply(Prims.SELECT_AND_SCATTER_ADD, dev.triad.spi.ops.Ops.windowAttrs(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0}),
                List.of(f64(d(4), 10, 20, 30, 40), x));
        assertArrayEquals(new double[] {0, 30, 0, 70, 0}, sas.toDoubles());
    }

    @Test
    void shapeRuleErrorsComeFirst() {
        ShapeException e = assertThrows(ShapeException.class, () -> O.add(f64(d(3), 1, 2, 3), f64(d(2), 1, 2)));
        assertEquals("add", e.op());
    }

    @Test
    void directFormulas() {
        RefArray x = f64(d(1, 3), 1, 2, 3);
        RefArray sm = DirectFormulas.compute(Prims.SOFTMAX, Attrs.of(Keys.AXIS, 1), List.of(x));
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, sm.toDoubles(), 1e-15);
        RefArray labels = RefArray.ofLongs(DType.I64, Shape.of(1), 2);
        RefArray ce = DirectFormulas.compute(Prims.CROSS_ENTROPY, Attrs.of(Keys.LABEL_SMOOTHING, 0.0), List.of(x, labels));
        assertEquals(Math.log(z) - 3, ce.get(0), 1e-15);
    }
}
