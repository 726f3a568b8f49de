package dev.triad.spi.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graphs assembled directly with {@link Graph#of}, as a pass might, bypassing the builder's checks. */
class GraphVerifierTest {
    private static final TensorType F2 = TensorType.of(DType.F32, 2);
    private static final Node X = Node.parameter(0, 0, F2);
    private static final Value VX = new Value(0, F2);

    private static void fails(Graph g, String... parts) {
        GraphException e = assertThrows(GraphException.class, () -> GraphVerifier.verify(g));
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "expected '" + p + "' in:\n" + e.getMessage());
    }

    @Test
    void acceptsValidGraphs() {
        Graph g = Graph.of(List.of(X, Node.op(1, Prims.NEG, Attrs.EMPTY, List.of(VX), F2)), List.of(new Value(1, F2)));
        assertDoesNotThrow(() -> GraphVerifier.verify(g));
        assertDoesNotThrow(() -> GraphVerifier.verify(GraphText.parse(GraphText.print(g))));
    }

    @Test
    void inputsMustBeDefinedBeforeUse() {
        Graph g = Graph.of(List.of(X,
                Node.op(1, Prims.NEG, Attrs.EMPTY, List.of(new Value(2, F2)), F2),
                Node.op(2, Prims.NEG, Attrs.EMPTY, List.of(VX), F2)), List.of(new Value(1, F2)));
        fails(g, "invalid graph: node `%1 = neg(%2) : f32[2]`: input 0 %2 is not defined before it");
    }

    @Test
    void inputsMustCarryTheirDefinitionsType() {
        Graph g = Graph.of(List.of(X, Node.op(1, Prims.NEG, Attrs.EMPTY, List.of(new Value(0, TensorType.of(DType.F64, 2))), TensorType.of(DType.F64, 2))),
                List.of());
        fails(g, "`%1 = neg(%0) : f64[2]`: input 0 %0 is read as f64[2] but is defined as f32[2]");
    }

    @Test
    void resultTypeMustMatchTheShapeRule() {
        Graph g = Graph.of(List.of(X, Node.op(1, Prims.NEG, Attrs.EMPTY, List.of(VX), TensorType.of(DType.F32, 3))), List.of());
        fails(g, "node `%1 = neg(%0) : f32[3]`: it declares type f32[3] but the shape rule of neg gives f32[2]");
    }

    @Test
    void arityIsChecked() {
        Graph g = Graph.of(List.of(X, Node.op(1, Prims.ADD, Attrs.EMPTY, List.of(VX), F2)), List.of());
        fails(g, "node `%1 = add(%0) : f32[2]`: add: got 1 input(s); expected 2");
    }

    @Test
    void declaredAttributesMustBePresentAndTyped() {
        TensorType scalar = TensorType.of(DType.F32);
        fails(Graph.of(List.of(X, Node.op(1, Prims.REDUCE_SUM, Attrs.of(Keys.AXES, new int[] {0}), List.of(VX), scalar)), List.of()),
                "reduce_sum: missing attribute 'keep_dims'");
        Attrs wrong = Attrs.builder().putRaw("axes", 0).put(Keys.KEEP_DIMS, false).build();
        fails(Graph.of(List.of(X, Node.op(1, Prims.REDUCE_SUM, wrong, List.of(VX), scalar)), List.of()),
                "`%1 = reduce_sum(%0) {axes=0, keep_dims=false} : f32[]`: reduce_sum: attribute 'axes' must be int[], got Integer");
        Attrs extra = Attrs.builder().put(Keys.AXES, new int[] {0}).put(Keys.KEEP_DIMS, false).put(Keys.AXIS, 0).build();
        fails(Graph.of(List.of(X, Node.op(1, Prims.REDUCE_SUM, extra, List.of(VX), scalar)), List.of()), "unknown attribute 'axis'");
    }

    @Test
    void outputsMustExistWithTheirTypes() {
        fails(Graph.of(List.of(X), List.of(new Value(3, F2))), "output 0 refers to %3, which does not exist (the graph has 1 nodes)");
        fails(Graph.of(List.of(X), List.of(VX, new Value(0, TensorType.of(DType.I32, 2)))),
                "output 1 %0 is declared i32[2] but node %0 has type f32[2]");
    }

    @Test
    void idsAreDenseAndParametersNumberedInOrder() {
        fails(Graph.of(List.of(X, Node.op(5, Prims.NEG, Attrs.EMPTY, List.of(VX), F2)), List.of()),
                "node `%5 = neg(%0) : f32[2]`: it is at position 1; node i must have id i");
        fails(Graph.of(List.of(X, Node.parameter(1, 2, F2)), List.of()),
                "node `%1: f32[2] (parameter 2)`: it is parameter 2 but 1 parameter(s) precede it");
    }
}
