package dev.triad.conformance.autodiff;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.autodiff.Autodiff;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.triad.conformance.autodiff.Fd.R;
import static dev.triad.conformance.autodiff.Fd.assertClose;
import static dev.triad.conformance.autodiff.Fd.f64;
import static dev.triad.conformance.autodiff.Fd.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented behaviour of the composites at their edges, on the reference interpreter. */
class CompositeEdgeCasesTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void logsumexpOfAllMinusInfinityIsMinusInfinity() {
        RefArray x = f64(Shape.of(2, 3), NEG_INF, NEG_INF, NEG_INF, 1, Double.POSITIVE_INFINITY, 0);
        RefArray r = R.logsumexp(x, new int[] {1}, false);
        assertEquals(NEG_INF, r.get(0));
        assertEquals(Double.POSITIVE_INFINITY, r.get(1));
    }

    @Test
    void logsumexpIsStableForLargeValues() {
        RefArray r = R.logsumexp(f64(Shape.of(2), 1000, 1000), new int[] {0}, false);
        assertEquals(1000 + Math.log(2), r.get(0), 1e-12);
    }

    @Test
    void softmaxIsStableForLargeValuesAndSumsToOne() {
        RefArray y = R.softmax(f64(Shape.of(3), 1000, 1001, -1000), 0);
        double e = Math.exp(-1);
        assertClose(f64(Shape.of(3), e / (1 + e), 1 / (1 + e), 0), y, 1e-15, "softmax");
    }

    @Test
    void meanOfIntegersIsF32() {
        RefArray m = R.mean(RefArray.ofLongs(DType.I32, Shape.of(4), 1, 2, 3, 5));
        assertEquals(DType.F32, m.dtype());
        assertEquals(2.75, m.get(0));
    }

    @Test
    void fullyMaskedAttentionRowsAreZeroWithZeroGradients() {
        RefArray q = rand(1, 3, 4), k = rand(2, 5, 4), v = rand(3, 5, 2), mask = CompositeCases.maskWithEmptyRow();
        RefArray out = R.attention(q, k, v, mask, 0, false);
        for (int d = 0; d < 2; d++) assertEquals(0.0, out.get(2 + d), "query row 1 sees no key");
        List<RefArray> g = Autodiff.grad(R, (o, in) -> o.sum(o.attention(in.get(0), in.get(1), in.get(2), mask, 0, false)), List.of(q, k, v));
        for (RefArray gi : g) for (int i = 0; i < gi.size(); i++) assertTrue(Double.isFinite(gi.get(i)), "finite gradients");
        for (int d = 0; d < 4; d++) assertEquals(0.0, g.get(0).get(4 + d), "no gradient reaches the masked query");
    }

    @Test
    void causalAttentionOfTheFirstQueryIsTheFirstValue() {
        RefArray q = rand(4, 3, 4), k = rand(5, 3, 4), v = rand(6, 3, 2);
        RefArray out = R.attention(q, k, v, null, 0, true);
        assertEquals(v.get(0), out.get(0), 1e-15);
        assertEquals(v.get(1), out.get(1), 1e-15);
    }

    @Test
    void dropoutIsDeterministicPerKeyAndKeepsAboutOneMinusRate() {
        RefArray x = R.onesLike(rand(7, 100, 100));
        RefArray key = CompositeCases.key(3, 4);
        RefArray a = R.dropout(x, key, 0.25), b = R.dropout(x, key, 0.25);
        assertClose(a, b, 0, "same key, same mask");
        int kept = 0;
        for (int i = 0; i < a.size(); i++) {
            double v = a.get(i);
            assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-15, "kept elements are scaled by 1/(1-rate)");
            if (v != 0) kept++;
        }
        assertEquals(0.75, kept / 10000.0, 0.02);
        assertClose(x, R.dropout(x, key, 0.0), 0, "rate 0 is the identity");
        RefArray other = R.dropout(x, CompositeCases.key(3, 5), 0.25);
        boolean differs = false;
        for (int i = 0; i < a.size() && !differs; i++) differs = a.get(i) != other.get(i);
        assertTrue(differs, "another key, another mask");
    }

    @Test
    void dropoutKeepsExactlyTheElementsWhoseBitsPassTheThreshold() {
        RefArray x = R.onesLike(rand(8, 64));
        RefArray key = CompositeCases.key(9, 10);
        RefArray bits = R.randomBits(key, x.shape());
        RefArray y = R.dropout(x, key, 0.5);
        for (int i = 0; i < x.size(); i++) {
            double u = (bits.getLong(i) & 0x7FFFFF) * 0x1p-23;
            assertEquals(u >= 0.5, y.get(i) != 0, "element " + i);
        }
    }

    @Test
    void reluHasZeroDerivativeAtZero() {
        RefArray g = Autodiff.grad(R, (o, in) -> o.sum(o.relu(in.get(0))), List.of(f64(Shape.of(3), -1, 0, 2))).get(0);
        assertClose(f64(Shape.of(3), 0, 0, 1), g, 0, "relu'");
    }
}
