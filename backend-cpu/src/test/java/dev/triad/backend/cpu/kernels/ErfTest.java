package dev.triad.backend.cpu.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErfTest {
    /** Values from a 30-digit evaluation, rounded to double. */
    private static final double[][] REFERENCE = {
        {1e-10, 1.1283791670955126e-10}, {-0.1, -0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
        {1.5, 0.9661051464753108}, {2, 0.9953222650189527}, {2.4999, 0.9995928300996666}, {2.5, 0.999593047982555},
        {3, 0.9999779095030014}, {4.5, 0.9999999998033839}, {5.9, 0.9999999999999999},
    };

    @Test
    void doubleIsWithinAFewUlp() {
        for (double[] r : REFERENCE) {
            assertEquals(r[1], Erf.erf(r[0]), 4 * Math.ulp(r[1]), "erf(" + r[0] + ")");
            assertEquals(-r[1], Erf.erf(-r[0]), 4 * Math.ulp(r[1]), "erf is odd");
        }
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(-40));
        assertEquals(Double.NaN, Erf.erf(Double.NaN));
    }

    @Test
    void floatVectorIsWithinTwoUlpOfTheDoubleResult() {
        int n = 160_003;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) in[i] = (i - 80_000) * 1e-4f;
        in[0] = Float.NaN;
        in[1] = Float.POSITIVE_INFINITY;
        in[n - 1] = Float.NEGATIVE_INFINITY;
        MemorySegment src = MemorySegment.ofArray(in), dst = MemorySegment.ofArray(new byte[4 * n]);
        Erf.f32(src, 0, dst, 0, n);
        float worst = 0;
        for (int i = 2; i < n - 1; i++) {
            float expected = (float) Erf.erf(in[i]);
            float got = dst.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
            worst = Math.max(worst, Math.abs(got - expected) / Math.ulp(expected));
        }
        assertEquals(0, worst, 2.0, "worst error in float ulp");
        assertEquals(Float.NaN, dst.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 0));
        assertEquals(1f, dst.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 1));
        assertEquals(-1f, dst.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, n - 1));
    }
}
