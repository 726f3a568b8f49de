package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.TypeOps;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphBuilderTest {
    @Test
    void shapeErrorsThrowAtAddTimeNamingTheOp() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2));
        Value y = b.parameter(TensorType.of(DType.F32, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> b.op(Prims.ADD, Attrs.EMPTY, x, y));
        assertEquals("add", e.op());
        assertTrue(e.getMessage().startsWith("add: "), e.getMessage());
        assertEquals(2, b.size(), "a failed op adds no node");

        Value i = b.parameter(TensorType.of(DType.I32, 2));
        assertEquals("add", assertThrows(DTypeException.class, () -> b.op(Prims.ADD, Attrs.EMPTY, x, i)).op());
        assertEquals("reduce_sum", assertThrows(AttributeException.class,
                () -> b.op(Prims.REDUCE_SUM, Attrs.of(Keys.AXES, new int[] {0}), x)).op());
        assertThrows(ShapeException.class, () -> b.reshape(x, Shape.of(3)));
        // The Ops helpers promote first, so mixed dtypes work through them.
        assertEquals(TensorType.of(DType.F32, 2), b.add(x, i).type());
    }

    @Test
    void opsHelpersBuildNodes() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2, 3));
        Value y = b.sum(b.mul(x, 2.0), new int[] {-1}, false);
        assertEquals(TensorType.of(DType.F32, 2), b.typeOf(y));
        assertEquals("""
                graph(%0: f32[2,3]) {
                  %1 = full() {dtype=f32, shape=[], value=2.0} : f32[]
                  %2 = mul(%0, %1) : f32[2,3]
                  %3 = reduce_sum(%2) {axes=[1], keep_dims=false} : f32[2]
                  return (%3)
                }
                """, GraphText.print(b.build(y)));
    }

    @Test
    void derivativeAndBatchingRulesEmitGraphNodes() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2, 3));
        Value w = b.parameter(TensorType.of(DType.F32, 3));
        Value out = b.mul(x, w);
        Value g = b.parameter(out.type());
        List<Value> grads = Prims.MUL.vjp(b, List.of(x, w), out, g, Attrs.EMPTY);
        assertEquals(x.type(), grads.get(0).type());
        assertEquals(w.type(), grads.get(1).type());
        Value tangent = Prims.MUL.jvp(b, List.of(x, w), out, List.of(b.zerosLike(x), b.onesLike(w)), Attrs.EMPTY);
        assertEquals(out.type(), tangent.type());
        Batched<Value> batched = Prims.NEG.batch(b, List.of(x), new int[] {1}, Attrs.EMPTY);
        Batched<TensorType> typed = Prims.NEG.batch(TypeOps.INSTANCE, List.of(x.type()), new int[] {1}, Attrs.EMPTY);
        assertEquals(typed.value(), batched.value().type());
        assertEquals(typed.batchDim(), batched.batchDim());
        Graph graph = b.build(grads.get(0), grads.get(1), tangent, batched.value());
        assertDoesNotThrow(() -> GraphVerifier.verify(graph));
        assertEquals(graph, GraphText.parse(GraphText.print(graph)));
        // The rule gave the same types through the graph algebra as through the type algebra.
        assertEquals(grads.get(1).type(),
                Prims.MUL.vjp(TypeOps.INSTANCE, List.of(x.type(), w.type()), out.type(), g.type(), Attrs.EMPTY).get(1));
    }

    @Test
    void valuesOfAnotherBuilderAreRejected() {
        GraphBuilder a = new GraphBuilder(), b = new GraphBuilder();
        Value x = a.parameter(TensorType.of(DType.F32, 2));
        b.parameter(TensorType.of(DType.F32, 2));
        GraphException e = assertThrows(GraphException.class, () -> b.neg(x));
        assertEquals("value %0 (f32[2]) was not made by this GraphBuilder", e.getMessage());
        assertThrows(GraphException.class, () -> b.build(x));
        // An equal-looking value is not the builder's handle either.
        assertThrows(GraphException.class, () -> b.neg(new Value(0, TensorType.of(DType.F32, 2))));
    }

    @Test
    void buildFreezesButSnapshotDoesNot() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2));
        Graph first = b.snapshot(List.of(x));
        Value y = b.neg(x);
        Graph second = b.build(y);
        assertEquals(1, first.size());
        assertEquals(2, second.size());
        assertThrows(IllegalStateException.class, () -> b.neg(x));
        assertThrows(IllegalStateException.class, () -> b.parameter(TensorType.of(DType.F32, 2)));
        assertThrows(IllegalStateException.class, () -> b.build(x));
    }

    @Test
    void literalsAreCopiedIn() {
        HostArray host = HostArray.fromDoubles(DType.F32, Shape.of(2), 1, 2);
        GraphBuilder b = new GraphBuilder();
        Value c = b.literal(host);
        Graph g = b.build(c);
        host.segment().set(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, 0, 9f);
        assertEquals(1.0, g.node(0).literal().getDouble(0));
        g.node(0).literal().segment().set(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, 0, 9f);
        assertEquals(1.0, g.node(0).literal().getDouble(0), "literal() hands out a copy");
    }

    @Test
    void scopesAndNamesAreForMessagesOnly() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2));
        Value y;
        try (var _ = b.scope("model")) {
            try (var _ = b.scope("dense")) {
                y = b.neg(x);
            }
            b.named(y, "activation");
        }
        Value z = b.exp(y);
        Graph g = b.build(z);
        assertEquals("model/activation", g.node(1).name().orElseThrow());
        assertTrue(g.node(2).name().isEmpty());
        assertEquals("%1 = neg(%0) : f32[2] \"model/activation\"", g.node(1).toString());

        GraphBuilder plain = new GraphBuilder();
        Value px = plain.parameter(TensorType.of(DType.F32, 2));
        assertEquals(g, plain.build(plain.exp(plain.neg(px))));
    }

    @Test
    void structuralEqualitySeesEveryDifference() {
        Graph a = GraphText.parse("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n  return (%1)\n}");
        assertEquals(a, GraphText.parse("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n  return (%1)\n}"));
        assertNotEquals(a, GraphText.parse("graph(%0: f32[2]) {\n  %1 = exp(%0) : f32[2]\n  return (%1)\n}"));
        assertNotEquals(a, GraphText.parse("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n  return (%0)\n}"));
        assertNotEquals(GraphText.parse("graph() {\n  %0 = literal f32[1] [nan]\n  return (%0)\n}"),
                GraphText.parse("graph() {\n  %0 = literal f32[1] [nan(0x7fc00001)]\n  return (%0)\n}"));
        assertEquals(GraphText.parse("graph() {\n  %0 = literal f32[1] [nan]\n  return (%0)\n}"),
                GraphText.parse("graph() {\n  %0 = literal f32[1] [nan]\n  return (%0)\n}"));
    }

    @Test
    void copyRebuildsNodesOfEveryKind() {
        Graph g = GraphText.parse("""
                graph(%0: f32[2] "x") {
                  %1 = literal f32[2] [1.0, 2.0] "w"
                  %2 = mul(%0, %1) : f32[2] "y"
                  return (%2)
                }
                """);
        GraphBuilder b = new GraphBuilder();
        Value[] m = new Value[g.size()];
        for (Node n : g.nodes()) m[n.id()] = b.copy(n, n.inputs().stream().map(v -> m[v.id()]).toList());
        Graph copy = b.build(m[2]);
        assertEquals(GraphText.print(g), GraphText.print(copy));
    }
}
