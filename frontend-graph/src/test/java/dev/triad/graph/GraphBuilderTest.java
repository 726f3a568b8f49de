package dev.triad.graph;

import dev.triad.graph.init.Initializers;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphBuilderTest {
    @Test
    void infersShapesWithAnUnknownBatchDimension() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 784);
        Variable w = g.variable("w", TensorType.of(DType.F32, 784, 10), Initializers.glorotUniform(1));
        Variable b = g.variable("b", TensorType.of(DType.F32, 10), Initializers.zeros());
        Output logits = g.add(g.matmul(x, w), b);
        assertEquals("[?,10]", logits.shape().toString());
        assertEquals(DType.F32, logits.dtype());
        Output labels = g.placeholder("y", DType.I64, -1);
        Output loss = g.crossEntropy(logits, labels, 0.0);
        assertEquals("[]", loss.shape().toString(), "the mean over an unknown batch is a known scalar");
        Output images = g.placeholder("images", DType.F32, -1, 1, 28, 28);
        assertEquals("[?,784]", g.reshape(images, -1, 784).shape().toString());
        assertEquals("[?,784]", g.flatten(images).shape().toString());
        assertEquals("[?,10]", g.softmax(logits, -1).shape().toString());
        assertEquals("[10]", g.sum(logits, new int[] {0}, false).shape().toString());
        assertEquals("[?,10]", g.zerosLike(logits).shape().toString());
        assertEquals("[?,1,10]", g.expandDims(logits, 1).shape().toString());
        assertEquals("[?,784]", g.concat(0, List.of(x, x)).shape().toString(), "2 * unknown is unknown");
    }

    @Test
    void aShapeErrorIsThrownWhenTheNodeIsAddedNamingNodeInputsAndExpectation() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 784);
        Variable w = g.variable("w", TensorType.of(DType.F32, 780, 10), Initializers.zeros());
        ShapeException e;
        try (GraphBuilder.Scope _ = g.scope("dense")) {
            e = assertThrows(ShapeException.class, () -> g.matmul(x, w));
        }
        String m = e.getMessage();
        assertTrue(m.contains("'dense/matmul'"), m);
        assertTrue(m.contains("x: f32[?,784]"), m);
        assertTrue(m.contains("w: f32[780,10]"), m);
        assertFalse(m.contains("720720"), "sentinel sizes never leak into messages: " + m);
        assertEquals(2, g.size(), "a failed node is not added");

        DTypeException d = assertThrows(DTypeException.class, () -> g.apply(dev.triad.spi.prims.Prims.ADD, null, List.of(x, g.placeholder(DType.F64, 784))));
        assertTrue(d.getMessage().contains("f64"), d.getMessage());
        assertThrows(ShapeException.class, () -> g.reshape(x, -1, 7, -1));
    }

    @Test
    void scopesNameNodesAndNamesAreUnique() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, 2);
        Output a, b;
        try (GraphBuilder.Scope _ = g.scope("model"); GraphBuilder.Scope _ = g.scope("layer")) {
            a = g.exp(x);
            b = g.exp(x);
        }
        assertEquals("model/layer/exp", a.name());
        assertEquals("model/layer/exp_1", b.name());
        assertSame(b, g.byName("model/layer/exp_1"));
        g.named(a, "activation");
        assertEquals("activation", a.name());
        assertSame(a, g.output("activation"));
        assertThrows(GraphException.class, () -> g.output("nope"));
    }

    @Test
    void nodesOfAnotherGraphAreRejected() {
        GraphBuilder g1 = new GraphBuilder(), g2 = new GraphBuilder();
        Output x = g1.placeholder(DType.F32, 2);
        GraphException e = assertThrows(GraphException.class, () -> g2.exp(x));
        assertTrue(e.getMessage().contains("another graph"), e.getMessage());
    }

    @Test
    void helpersThatNeedStaticShapesSayWhy() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> g.shape(x));
        assertTrue(e.getMessage().contains("unknown dimensions"), e.getMessage());
        assertEquals(Shape.of(2, 3), g.shape(g.placeholder(DType.F32, 2, 3)));
    }

    @Test
    void constantsAndAssignmentsAreChecked() {
        GraphBuilder g = new GraphBuilder();
        HostArray data = HostArray.fromDoubles(DType.F32, Shape.of(2), 1, 2);
        Output c = g.constant(data);
        data.bytes()[0] = 9;
        assertEquals("[2]", c.shape().toString());
        Variable v = g.variable("v", TensorType.of(DType.F32, 2), Initializers.ones());
        assertThrows(ShapeException.class, () -> g.assign(v, g.placeholder(DType.F32, 3)));
        assertThrows(DTypeException.class, () -> g.assign(v, g.placeholder(DType.F64, 2)));
        Output a = g.assign(v, g.exp(c));
        assertEquals(FrontOps.ASSIGN, a.op());
        assertEquals(List.of(v), g.variables());
    }
}
