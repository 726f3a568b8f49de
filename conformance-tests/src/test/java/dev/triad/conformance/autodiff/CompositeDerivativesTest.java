package dev.triad.conformance.autodiff;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.autodiff.DecompositionRules;
import dev.triad.spi.autodiff.OpsFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static dev.triad.conformance.autodiff.Fd.R;
import static dev.triad.conformance.autodiff.Fd.TOL;
import static dev.triad.conformance.autodiff.Fd.assertClose;
import static dev.triad.conformance.autodiff.Fd.assertVjp;
import static dev.triad.conformance.autodiff.Fd.numericJvp;
import static dev.triad.conformance.autodiff.Fd.rand;

/**
 * Every composite's VJP and JVP against central finite differences in F64: the rule it
 * declares (direct where it has one) and, separately, the rule derived from its decomposition,
 * so a direct rule and the decomposition are each checked against the mathematics.
 */
class CompositeDerivativesTest {
    static List<CompositeCases.Case> cases() { return CompositeCases.all(); }

    private static OpsFunction<RefArray> fn(CompositeCases.Case c) {
        return (o, in) -> o.apply(c.p(), c.attrs(), in);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void declaredVjpMatchesFiniteDifferences(CompositeCases.Case c) {
        CompositeCases.assumeReferenceRuns(c);
        RefArray y = R.apply(c.p(), c.attrs(), c.inputs());
        RefArray cot = rand(99, y.shape().toArray());
        assertVjp(fn(c), c.inputs(), cot, c.p().vjp(R, c.inputs(), y, cot, c.attrs()), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decompositionVjpMatchesFiniteDifferences(CompositeCases.Case c) {
        CompositeCases.assumeReferenceRuns(c);
        RefArray y = R.apply(c.p(), c.attrs(), c.inputs());
        RefArray cot = rand(98, y.shape().toArray());
        assertVjp(fn(c), c.inputs(), cot, DecompositionRules.vjp(R, c.p(), c.inputs(), cot, c.attrs()), c.name());
    }

    /** Random tangents for floating inputs; zeros (per the JVP contract) for the others. */
    private static List<RefArray> tangents(CompositeCases.Case c, boolean zerosForFixed) {
        List<RefArray> ts = new ArrayList<>();
        long seed = 200;
        for (RefArray x : c.inputs()) {
            if (x.dtype().isFloating()) ts.add(rand(seed++, x.shape().toArray()));
            else ts.add(zerosForFixed ? R.zerosLike(x) : null);
        }
        return ts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void declaredAndDerivedJvpMatchFiniteDifferences(CompositeCases.Case c) {
        CompositeCases.assumeReferenceRuns(c);
        RefArray y = R.apply(c.p(), c.attrs(), c.inputs());
        RefArray expected = numericJvp(fn(c), c.inputs(), tangents(c, false));
        assertClose(expected, c.p().jvp(R, c.inputs(), y, tangents(c, true), c.attrs()), TOL, c.name() + " declared JVP");
        assertClose(expected, DecompositionRules.jvp(R, c.p(), c.inputs(), tangents(c, true), c.attrs()), TOL, c.name() + " derived JVP");
    }
}
