package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failure excerpts: a few values around the worst element, and the details a failed case carries into results. */
class ExcerptTest {
    @Test
    void showsAWindowAroundTheElementWithItsIndex() {
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) v[i] = i + 0.5;
        RefArray x = RefArray.of(DType.F32, Shape.of(3, 4), v);
        assertEquals("f32[3,4] at [1,2]: ... 3.5, 4.5, 5.5, *6.5*, 7.5, 8.5, 9.5 ...", Excerpt.around(x, 6));
        assertEquals("f32[3,4] at [0,0]: *0.5*, 1.5, 2.5, 3.5 ...", Excerpt.around(x, 0));
    }

    @Test
    void formatsNumbersShortlyButExactlyEnough() {
        assertEquals("0.1", Excerpt.number(0.1));
        assertEquals("-3", Excerpt.number(-3));
        assertEquals("1.23456789012e-10", Excerpt.number(1.23456789012345e-10));
        assertEquals("inf", Excerpt.number(Double.POSITIVE_INFINITY));
        assertEquals("nan", Excerpt.number(Double.NaN));
        assertEquals("i64[2] at [1]: 7, *-9*", Excerpt.around(RefArray.ofLongs(DType.I64, Shape.of(2), 7, -9), 1));
    }

    @Test
    void aFailedComparisonKeepsInputsAndExcerptsInTheResult() {
        RefArray a = RefArray.of(DType.F64, Shape.of(3), 1, 2, 3), b = RefArray.of(DType.F64, Shape.of(3), 1, 2, 4);
        CaseLog log = new CaseLog("t", "add", "forward f64");
        log.compared("[3]", List.of(a, a), Comparison.of(b, a, new dev.triad.conformance.spec.Tolerance(0, 0)));
        CheckResult r = log.result();
        assertEquals(Status.FAIL, r.status());
        CaseDetail d = r.details().get(0);
        assertEquals(List.of("f64[3]", "f64[3]"), d.inputs());
        assertEquals("f64[3] at [2]: 1, 2, *3*", d.expected());
        assertEquals("f64[3] at [2]: 1, 2, *4*", d.actual());
        assertTrue(d.message().startsWith("1 of 3 element(s) differ"), d.message());
        assertEquals("add/forward f64", r.filter());
    }
}
