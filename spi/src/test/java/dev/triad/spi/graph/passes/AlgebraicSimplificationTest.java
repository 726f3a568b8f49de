package dev.triad.spi.graph.passes;

import org.junit.jupiter.api.Test;

import static dev.triad.spi.graph.passes.PassAssertions.assertRewrites;
import static dev.triad.spi.graph.passes.PassAssertions.assertUnchanged;

class AlgebraicSimplificationTest {
    private static final AlgebraicSimplification S = AlgebraicSimplification.INSTANCE;

    @Test
    void removesMultiplicationsByOneAndAdditionsOfZero() {
        assertRewrites(S, """
                graph(%0: f32[2,3] "x") {
                  %1 = full() {dtype=f32, shape=[], value=1.0} : f32[]
                  %2 = mul(%0, %1) : f32[2,3]
                  %3 = literal f32[3] [0.0, 0.0, 0.0]
                  %4 = add(%3, %2) : f32[2,3]
                  %5 = sub(%4, %3) : f32[2,3]
                  %6 = div(%5, %1) : f32[2,3] "y"
                  return (%6)
                }
                """, """
                graph(%0: f32[2,3] "x") {
                  return (%0)
                }
                """);
    }

    @Test
    void broadcastsWhenTheNeutralConstantWidenedTheResult() {
        assertRewrites(S, """
                graph(%0: f32[3]) {
                  %1 = full() {dtype=f32, shape=[2,3], value=1.0} : f32[2,3]
                  %2 = mul(%1, %0) : f32[2,3]
                  return (%2)
                }
                """, """
                graph(%0: f32[3]) {
                  %1 = broadcast_to(%0) {shape=[2,3]} : f32[2,3]
                  return (%1)
                }
                """);
    }

    @Test
    void keepsOperationsWithOtherConstants() {
        assertUnchanged(S, """
                graph(%0: f32[2]) {
                  %1 = literal f32[2] [1.0, 2.0]
                  %2 = mul(%0, %1) : f32[2]
                  %3 = full() {dtype=f32, shape=[], value=0.0} : f32[]
                  %4 = sub(%3, %2) : f32[2]
                  %5 = mul(%4, %3) : f32[2]
                  return (%5)
                }
                """);
    }

    @Test
    void cancelsDoubleNegationAndDoubleNot() {
        assertRewrites(S, """
                graph(%0: f32[2], %1: bool[2]) {
                  %2 = neg(%0) : f32[2]
                  %3 = neg(%2) : f32[2]
                  %4 = neg(%3) : f32[2]
                  %5 = not(%1) : bool[2]
                  %6 = not(%5) : bool[2]
                  return (%4, %6)
                }
                """, """
                graph(%0: f32[2], %1: bool[2]) {
                  %2 = neg(%0) : f32[2]
                  return (%2, %1)
                }
                """);
    }

    @Test
    void composesPermutationsAndDropsIdentities() {
        assertRewrites(S, """
                graph(%0: f32[2,3,4]) {
                  %1 = permute(%0) {perm=[1,2,0]} : f32[3,4,2]
                  %2 = permute(%1) {perm=[2,0,1]} : f32[2,3,4]
                  %3 = permute(%1) {perm=[1,0,2]} : f32[4,3,2]
                  %4 = permute(%0) {perm=[0,1,2]} : f32[2,3,4]
                  return (%2, %3, %4)
                }
                """, """
                graph(%0: f32[2,3,4]) {
                  %1 = permute(%0) {perm=[2,1,0]} : f32[4,3,2]
                  return (%0, %1, %0)
                }
                """);
    }

    @Test
    void collapsesReshapeAndBroadcastChains() {
        assertRewrites(S, """
                graph(%0: f32[6], %1: f32[3]) {
                  %2 = reshape(%0) {shape=[2,3]} : f32[2,3]
                  %3 = reshape(%2) {shape=[3,2]} : f32[3,2]
                  %4 = reshape(%3) {shape=[6]} : f32[6]
                  %5 = reshape(%3) {shape=[1,6]} : f32[1,6]
                  %6 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %7 = broadcast_to(%6) {shape=[4,2,3]} : f32[4,2,3]
                  %8 = full() {dtype=f32, shape=[], value=2.0} : f32[]
                  %9 = broadcast_to(%8) {shape=[5]} : f32[5]
                  return (%4, %5, %7, %9)
                }
                """, """
                graph(%0: f32[6], %1: f32[3]) {
                  %2 = reshape(%0) {shape=[1,6]} : f32[1,6]
                  %3 = broadcast_to(%1) {shape=[4,2,3]} : f32[4,2,3]
                  %4 = full() {dtype=f32, shape=[5], value=2.0} : f32[5]
                  return (%0, %2, %3, %4)
                }
                """);
    }

    @Test
    void foldsExplicitBroadcastsIntoElementwiseOps() {
        assertRewrites(S, """
                graph(%0: f32[4,3], %1: f32[3]) {
                  %2 = broadcast_to(%1) {shape=[4,3]} : f32[4,3]
                  %3 = add(%0, %2) : f32[4,3]
                  %4 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %5 = neg(%4) : f32[2,3]
                  return (%3, %5)
                }
                """, """
                graph(%0: f32[4,3], %1: f32[3]) {
                  %2 = add(%0, %1) : f32[4,3]
                  %3 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %4 = neg(%3) : f32[2,3]
                  return (%2, %4)
                }
                """);
    }

    @Test
    void dropsMovementsAndReductionsThatChangeNothing() {
        assertRewrites(S, """
                graph(%0: f32[2,3]) {
                  %1 = slice(%0) {start=[0,0], step=[1,1], stop=[2,3]} : f32[2,3]
                  %2 = reduce_sum(%1) {axes=[], keep_dims=false} : f32[2,3]
                  %3 = cast(%2) {dtype=f32} : f32[2,3]
                  %4 = slice(%3) {start=[0,1], step=[1,1], stop=[2,3]} : f32[2,2]
                  return (%4)
                }
                """, """
                graph(%0: f32[2,3]) {
                  %1 = slice(%0) {start=[0,1], step=[1,1], stop=[2,3]} : f32[2,2]
                  return (%1)
                }
                """);
    }
}
