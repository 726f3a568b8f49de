package dev.triad.bench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.bench.HostData;
import org.junit.jupiter.api.Test;

/** The checks catch what a fast wrong kernel would produce, and let right answers through. */
class ChecksTest {
    @Test
    void aWrongElementFailsWithItsPositionAndValues() {
        float[] actual = {1, 2, 3.01f};
        CheckFailedException e = assertThrows(CheckFailedException.class, () -> Checks.allClose("t", actual, new double[] {1, 2, 3}, 1e-4, 1e-6));
        assertTrue(e.getMessage().contains("element 2"), e.getMessage());
    }

    @Test
    void nanNeverPasses() {
        assertThrows(CheckFailedException.class, () -> Checks.allClose("t", new float[] {Float.NaN}, new double[] {0}, 1, 1));
        assertThrows(CheckFailedException.class, () -> Checks.scalar("t", Double.NaN, 1, 1, 1));
    }

    @Test
    void roundingWithinToleranceRecordsTheLargestError() {
        CheckOutcome o = Checks.allClose("t", new float[] {1.0000001f, 2}, new double[] {1, 2}, 1e-5, 0);
        assertEquals(2, o.compared());
        assertTrue(o.maxAbsError() > 0 && o.maxAbsError() < 1e-6);
    }

    @Test
    void exactComparesBits() {
        Checks.exact("t", new float[] {1, -0f}, new float[] {1, -0f});
        assertThrows(CheckFailedException.class, () -> Checks.exact("t", new float[] {0f}, new float[] {-0f}));
    }

    @Test
    void sampledMatmulReferenceMatchesABruteForceProduct() {
        int m = 5, k = 7, n = 3;
        float[] a = HostData.uniform(1, m * k, -1, 1), b = HostData.uniform(2, k * n, -1, 1);
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double acc = 0;
            for (int p = 0; p < k; p++) acc += (double) a[i * k + p] * b[p * n + j];
            c[i * n + j] = (float) acc;
        }
        int[] idx = Ref.sample(3, 10, m * n);
        double[][] ref = Ref.matmulAt(a, b, m, k, n, idx);
        Checks.closeScaled("mm", idx, c, ref[0], ref[1], 1e-6, 0);
        c[idx[4]] += 0.01f; // a kernel that is off in one place
        assertThrows(CheckFailedException.class, () -> Checks.closeScaled("mm", idx, c, ref[0], ref[1], 1e-4, 1e-5));
    }

    @Test
    void convReferenceAtACornerSeesOnlyThePaddedWindow() {
        // 1x1x3x3 input of ones, 1x1x3x3 kernel of ones, padding 1: the corner sums a 2x2 window.
        float[] x = {1, 1, 1, 1, 1, 1, 1, 1, 1}, w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        double[][] ref = Ref.convAt(x, w, 1, 1, 3, 3, 1, 3, 3, 1, 1, new int[] {0, 4});
        assertEquals(4, ref[0][0]);
        assertEquals(9, ref[0][1]);
    }

    @Test
    void permuteReferenceTransposes() {
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] t = Ref.permute(x, new long[] {2, 3}, new int[] {1, 0});
        assertEquals(java.util.List.of(1f, 4f, 2f, 5f, 3f, 6f), java.util.List.of(t[0], t[1], t[2], t[3], t[4], t[5]));
    }
}
