package dev.triad.spi.graph.passes;

import org.junit.jupiter.api.Test;

import static dev.triad.spi.graph.passes.PassAssertions.assertRewrites;
import static dev.triad.spi.graph.passes.PassAssertions.assertUnchanged;

class CommonSubexpressionEliminationTest {
    private static final CommonSubexpressionElimination CSE = CommonSubexpressionElimination.INSTANCE;

    @Test
    void mergesEqualOpsAndWhatDependsOnThem() {
        assertRewrites(CSE, """
                graph(%0: f32[2,3] "x") {
                  %1 = exp(%0) : f32[2,3] "a"
                  %2 = exp(%0) : f32[2,3] "b"
                  %3 = neg(%1) : f32[2,3]
                  %4 = neg(%2) : f32[2,3]
                  %5 = add(%3, %4) : f32[2,3]
                  return (%5, %4)
                }
                """, """
                graph(%0: f32[2,3] "x") {
                  %1 = exp(%0) : f32[2,3] "a"
                  %2 = neg(%1) : f32[2,3]
                  %3 = add(%2, %2) : f32[2,3]
                  return (%3, %2)
                }
                """);
    }

    @Test
    void mergesEqualLiteralsAndFullsButNotParameters() {
        assertRewrites(CSE, """
                graph(%0: f32[2], %1: f32[2]) {
                  %2 = literal f32[2] [1.0, 2.0]
                  %3 = literal f32[2] [1.0, 2.0]
                  %4 = full() {dtype=f32, shape=[2], value=3.0} : f32[2]
                  %5 = full() {dtype=f32, shape=[2], value=3.0} : f32[2]
                  %6 = add(%0, %2) : f32[2]
                  %7 = add(%1, %3) : f32[2]
                  %8 = mul(%6, %4) : f32[2]
                  %9 = mul(%7, %5) : f32[2]
                  return (%8, %9)
                }
                """, """
                graph(%0: f32[2], %1: f32[2]) {
                  %2 = literal f32[2] [1.0, 2.0]
                  %3 = full() {dtype=f32, shape=[2], value=3.0} : f32[2]
                  %4 = add(%0, %2) : f32[2]
                  %5 = add(%1, %2) : f32[2]
                  %6 = mul(%4, %3) : f32[2]
                  %7 = mul(%5, %3) : f32[2]
                  return (%6, %7)
                }
                """);
    }

    @Test
    void keepsOpsThatDifferInAttributesOrInputOrder() {
        assertUnchanged(CSE, """
                graph(%0: f32[2,3], %1: f32[2,3]) {
                  %2 = reduce_sum(%0) {axes=[0], keep_dims=false} : f32[3]
                  %3 = reduce_sum(%0) {axes=[1], keep_dims=false} : f32[2]
                  %4 = sub(%0, %1) : f32[2,3]
                  %5 = sub(%1, %0) : f32[2,3]
                  %6 = literal f32[1] [1.0]
                  %7 = literal f64[1] [1.0]
                  return (%2, %3, %4, %5, %6, %7)
                }
                """);
    }
}
