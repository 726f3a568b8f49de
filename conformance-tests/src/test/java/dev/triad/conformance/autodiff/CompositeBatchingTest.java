package dev.triad.conformance.autodiff;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.autodiff.DecompositionRules;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static dev.triad.conformance.autodiff.Fd.R;
import static dev.triad.conformance.autodiff.Fd.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every composite's batching rule (direct where it has one, and the one derived from its
 * decomposition) against applying the composite to each batch element in turn.
 */
class CompositeBatchingTest {
    private static final int B = 3;

    static List<CompositeCases.Case> cases() { return CompositeCases.all(); }

    /** {@code x} repeated B times along a new axis {@code dim}, each copy changed so the elements differ. */
    private static RefArray batchOf(RefArray x, int dim) {
        List<RefArray> copies = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            copies.add(x.dtype().isFloating() ? R.add(R.mul(x, 1.0 + 0.25 * b), 0.1 * b) : x);
        }
        return R.stack(dim, copies);
    }

    private static RefArray element(RefArray x, int dim, int b) {
        return R.squeeze(R.sliceAxis(x, dim, b, b + 1), dim);
    }

    /** Batches input 0 at its last axis and every other floating input at axis 0; others stay unbatched. */
    private static void check(CompositeCases.Case c, boolean derived) {
        CompositeCases.assumeReferenceRuns(c);
        List<RefArray> in = new ArrayList<>();
        int[] dims = new int[c.inputs().size()];
        for (int i = 0; i < dims.length; i++) {
            RefArray x = c.inputs().get(i);
            boolean batched = i == 0 || x.dtype().isFloating();
            dims[i] = !batched ? Batched.NOT_BATCHED : i == 0 ? x.rank() : 0;
            in.add(batched ? batchOf(x, dims[i]) : x);
        }
        Batched<RefArray> r = derived ? DecompositionRules.batch(R, c.p(), in, dims, c.attrs()) : c.p().batch(R, in, dims, c.attrs());
        RefArray got = Batching.toFront(R, r.value(), r.batchDim());
        List<RefArray> expected = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            List<RefArray> args = new ArrayList<>();
            for (int i = 0; i < dims.length; i++) args.add(dims[i] == Batched.NOT_BATCHED ? in.get(i) : element(in.get(i), dims[i], b));
            expected.add(R.apply(c.p(), c.attrs(), args));
        }
        assertEquals(B, got.shape().dim(0), c.name());
        assertClose(R.stack(0, expected), got, 1e-12, c.name() + (derived ? " derived" : " declared") + " batching");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void declaredBatchingMatchesALoop(CompositeCases.Case c) { check(c, false); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivedBatchingMatchesALoop(CompositeCases.Case c) { check(c, true); }
}
