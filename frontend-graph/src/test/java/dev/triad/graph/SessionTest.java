package dev.triad.graph;

import dev.triad.graph.init.Initializers;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {
    private final HeapBackend backend = new HeapBackend();

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator().liveBlockReport());
    }

    private static HostArray f32(Shape s, double... v) { return HostArray.fromDoubles(DType.F32, s, v); }

    @Test
    void runsAndCompilesOncePerFeedSignature() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 2);
        Variable w = g.variable("w", TensorType.of(DType.F32, 2, 1), Initializers.values(f32(Shape.of(2, 1), 1, 10)));
        Output y = g.matmul(x, w);
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            assertArrayEquals(new double[] {21, 43}, s.run(y, Map.of(x, f32(Shape.of(2, 2), 1, 2, 3, 4))).toDoubles());
            assertArrayEquals(new double[] {65, 87}, s.run(y, Map.of(x, f32(Shape.of(2, 2), 5, 6, 7, 8))).toDoubles());
            assertEquals(1, s.stats().compilations());
            assertArrayEquals(new double[] {1}, s.run(y, Map.of(x, f32(Shape.of(1, 2), 1, 0))).toDoubles());
            assertEquals(2, s.stats().compilations(), "a new batch size is a new signature");
            assertEquals(3, s.stats().runs());
        }
    }

    @Test
    void variablesStayOnTheDeviceAndAssignmentsReplaceThem() {
        GraphBuilder g = new GraphBuilder();
        Variable counter = g.variable("counter", TensorType.of(DType.F32), Initializers.zeros(), false);
        Output inc = g.assignAdd(counter, g.scalar(1, DType.F32));
        Output doubled = g.mul(counter, 2.0);
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            for (int i = 0; i < 3; i++) s.run(inc, Map.of());
            assertEquals(3.0, s.read(counter).getDouble(0));
            // Every read in a run sees the value from the start of the run.
            List<HostArray> r = s.run(List.of(doubled, inc), Map.of());
            assertEquals(6.0, r.get(0).getDouble(0));
            assertEquals(4.0, r.get(1).getDouble(0));
            assertEquals(4.0, s.read(counter).getDouble(0));
            s.write(counter, HostArray.fromDoubles(DType.F32, Shape.SCALAR, 10));
            assertEquals(20.0, s.run(doubled, Map.of()).getDouble(0));
            s.initialize(counter);
            assertEquals(0.0, s.read(counter).getDouble(0));
        }
    }

    @Test
    void groupsRunTheirDependenciesAndFetchNull() {
        GraphBuilder g = new GraphBuilder();
        Variable a = g.variable("a", TensorType.of(DType.F32), Initializers.ones(), false);
        Variable b = g.variable("b", TensorType.of(DType.F32), Initializers.ones(), false);
        Operation both = g.group(g.assignAdd(a, g.scalar(1, DType.F32)), g.assignAdd(b, g.scalar(2, DType.F32)));
        try (Session s = new Session(g, backend)) {
            s.initializeVariables();
            assertNull(s.run(List.of(both), Map.of()).get(0));
            assertEquals(2.0, s.read(a).getDouble(0));
            assertEquals(3.0, s.read(b).getDouble(0));
            List<HostArray> r = s.runner().fetch(a).addTarget(both).run();
            assertEquals(1, r.size());
            assertEquals(2.0, r.get(0).getDouble(0));
            assertEquals(3.0, s.read(a).getDouble(0));
        }
    }

    @Test
    void feedsAreValidatedWithClearErrors() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 2);
        Output unused = g.placeholder("unused", DType.F32, 2);
        Output y = g.exp(x);
        try (Session s = new Session(g, backend)) {
            FeedException missing = assertThrows(FeedException.class, () -> s.run(y, Map.of()));
            assertTrue(missing.getMessage().contains("placeholder 'x' (f32[?,2]) must be fed"), missing.getMessage());
            FeedException extra = assertThrows(FeedException.class,
                    () -> s.run(y, Map.of(x, f32(Shape.of(1, 2), 1, 2), unused, f32(Shape.of(2), 1, 2))));
            assertTrue(extra.getMessage().contains("'unused' is fed but none of the fetches"), extra.getMessage());
            FeedException notPlaceholder = assertThrows(FeedException.class, () -> s.run(y, Map.of(y, f32(Shape.of(1, 2), 1, 2))));
            assertTrue(notPlaceholder.getMessage().contains("only placeholders can be fed"), notPlaceholder.getMessage());
            ShapeException shape = assertThrows(ShapeException.class, () -> s.run(y, Map.of(x, f32(Shape.of(2, 3), 1, 2, 3, 4, 5, 6))));
            assertTrue(shape.getMessage().contains("placeholder 'x' expects f32[?,2] but was fed f32[2,3]"), shape.getMessage());
            DTypeException dtype = assertThrows(DTypeException.class,
                    () -> s.run(y, Map.of(x, HostArray.fromDoubles(DType.F64, Shape.of(1, 2), 1, 2))));
            assertTrue(dtype.getMessage().contains("expected dtype f32"), dtype.getMessage());
            GraphException other = assertThrows(GraphException.class, () -> s.run(new GraphBuilder().placeholder(DType.F32, 1), Map.of()));
            assertTrue(other.getMessage().contains("another graph"), other.getMessage());
        }
    }

    @Test
    void uninitialisedVariablesAndDoubleAssignmentsAreErrors() {
        GraphBuilder g = new GraphBuilder();
        Variable v = g.variable("v", TensorType.of(DType.F32), Initializers.ones());
        Output a1 = g.assign(v, g.scalar(1, DType.F32));
        Output a2 = g.assign(v, g.scalar(2, DType.F32));
        try (Session s = new Session(g, backend)) {
            GraphException e = assertThrows(GraphException.class, () -> s.run(v, Map.of()));
            assertTrue(e.getMessage().contains("not initialised"), e.getMessage());
            s.initializeVariables();
            GraphException twice = assertThrows(GraphException.class, () -> s.run(List.of(a1, a2), Map.of()));
            assertTrue(twice.getMessage().contains("assigns variable 'v' twice"), twice.getMessage());
        }
    }

    @Test
    void loweringErrorsForFedShapesNameTheNode() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, -1, 4);
        Output r = g.reshape(x, -1, 3);
        try (Session s = new Session(g, backend)) {
            ShapeException e = assertThrows(ShapeException.class, () -> s.run(r, Map.of(x, f32(Shape.of(1, 4), 1, 2, 3, 4))));
            assertTrue(e.getMessage().contains("node 'reshape'"), e.getMessage());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                    s.run(r, Map.of(x, f32(Shape.of(3, 4), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).toDoubles());
        }
    }

    @Test
    void theCompiledGraphIsOptimised() {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, 2);
        Output y = g.add(g.mul(g.exp(x), 1.0), g.exp(x));
        try (Session s = new Session(g, backend); Session plain = new Session(g, backend, SessionOptions.UNOPTIMIZED)) {
            String text = s.compiledGraph(List.of(y), Map.of(x, TensorType.of(DType.F32, 2))).toString();
            assertEquals("""
                    graph(%0: f32[2] "x") {
                      %1 = exp(%0) : f32[2] "exp"
                      %2 = add(%1, %1) : f32[2] "add"
                      return (%2)
                    }
                    """, text);
            HostArray in = f32(Shape.of(2), 0, 1);
            assertArrayEquals(plain.run(y, Map.of(x, in)).toDoubles(), s.run(y, Map.of(x, in)).toDoubles());
        }
    }
}
