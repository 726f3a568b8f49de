package dev.triad.functional;

import static dev.triad.functional.Transforms.grad;
import static dev.triad.functional.Transforms.jit;
import static dev.triad.functional.Transforms.jvp;
import static dev.triad.functional.Transforms.makeJaxpr;
import static dev.triad.functional.Transforms.vmap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.types.DType;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

class JitTest {
    private static final Array X = Check.f64(new double[] {0.5, -1.5, 2.0, 0.25}, 2, 2);

    @Test
    void jitEqualsEagerAndCachesBySignature() {
        AtomicInteger runs = new AtomicInteger();
        Function<Array, Array> f = x -> {
            runs.incrementAndGet();
            return np.add(np.matmul(x, np.transpose(x)), np.multiply(np.exp(x), 2.0));
        };
        Array eager = f.apply(X);
        try (Jitted<Array, Array> jf = jit(f)) {
            Check.same(eager, jf.apply(X), 1e-12);
            Check.same(eager, jf.apply(X), 1e-12);
            Check.same(eager, jf.apply(X), 1e-12);
            assertEquals(1, jf.stats().traces(), "a repeated signature does not trace again");
            assertEquals(2, jf.stats().cacheHits());
            jf.apply(Check.f64(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3));
            assertEquals(2, jf.stats().traces(), "a new shape traces again");
            jf.apply(np.astype(X, DType.F32));
            assertEquals(3, jf.stats().traces(), "a new dtype traces again");
            assertEquals(3, jf.stats().compiles());
            assertEquals(3, jf.stats().cacheSize());
            assertTrue(jf.stats().traceTime().toNanos() > 0 && jf.stats().compileTime().toNanos() > 0);
        }
        assertEquals(4, runs.get(), "one eager run plus one trace per signature");
    }

    @Test
    void staticArgumentsKeyTheCache() {
        Fn f = args -> np.multiply((Array) args[0], ((Number) args[1]).doubleValue());
        try (JittedFn jf = jit(f, 1)) {
            Check.close(new double[] {1, -3, 4, 0.5}, (Array) jf.apply(X, 2), 1e-12, 2, 2);
            Check.close(new double[] {1.5, -4.5, 6, 0.75}, (Array) jf.apply(X, 3), 1e-12, 2, 2);
            jf.apply(X, 3);
            assertEquals(2, jf.stats().traces());
        }
    }

    record State(Array w, Array step, String tag) {}

    @Test
    void pytreesInAndOut() {
        Function<State, State> f = s -> new State(np.multiply(s.w(), 2.0), np.add(s.step(), 1.0), s.tag());
        try (Jitted<State, State> jf = jit(f)) {
            State out = jf.apply(new State(X, np.scalar(0, DType.I32), "a"));
            Check.close(new double[] {1, -3, 4, 0.5}, out.w(), 1e-12, 2, 2);
            assertEquals(1, (int) out.step().item());
            assertEquals("a", out.tag());
            jf.apply(new State(X, np.scalar(0, DType.I32), "b"));
            assertEquals(2, jf.stats().traces(), "non-array leaves are part of the signature");
        }
    }

    @Test
    void transformationsOfAJittedFunctionReuseItsGraph() {
        AtomicInteger runs = new AtomicInteger();
        Function<Array, Array> f = x -> {
            runs.incrementAndGet();
            return np.sum(np.multiply(np.sin(x), x));
        };
        Array expected = grad(f).apply(X);
        Array expectedRows = vmap(f).apply(X);
        assertEquals(2, runs.get());
        try (Jitted<Array, Array> jf = jit(f)) {
            Check.same(expected, grad(jf).apply(X), 1e-12);
            grad(jf).apply(X);
            jvp(jf, X, X);
            Check.same(expectedRows, vmap(jf).apply(X), 1e-12);
            vmap(jf).apply(X);
            // f64[2,2] for grad and jvp, the mapped f64[2] for vmap, and the batched graph vmap compiles
            assertEquals(3, jf.stats().traces(), jf.stats().toString());
            assertEquals(1, jf.stats().compiles(), "the batched graph was compiled; grad and jvp interpret the graph");
            assertEquals(4, runs.get(), "grad, vmap and jvp of a jitted function interpret its graph, not the Java code");
        }
    }

    @Test
    void vmapOfAJittedFunctionCompilesTheBatchedGraph() {
        Array a = Check.f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Array b = Check.f64(new double[] {0.5, -1}, 2);
        BiFunction<Array, Array, List<Array>> f = (x, y) -> List.of(np.sum(np.multiply(x, y)), np.exp(y));
        List<Array> expected = vmap(f, 1, null).apply(a, b);
        try (Jitted2<Array, Array, List<Array>> jf = jit(f)) {
            List<Array> got = vmap(jf, 1, null).apply(a, b);
            vmap(jf, 1, null).apply(a, b);
            Check.same(expected.get(0), got.get(0), 1e-12);
            Check.same(expected.get(1), got.get(1), 1e-12);
            assertEquals(List.of(3L, 2L), List.of(got.get(1).shape().dim(0), got.get(1).shape().dim(1)), "the unbatched output is broadcast");
            assertEquals(1, jf.stats().compiles(), "the batched graph is compiled once and reused");
        }
    }

    @Test
    void closuresAndNesting() {
        Array c = Check.f64(new double[] {10, 20}, 2);
        try (Jitted<Array, Array> inner = jit((Array x) -> np.add(x, c));
             Jitted<Array, Array> outer = jit((Array x) -> np.multiply(inner.apply(x), 2.0))) {
            Check.close(new double[] {21, 37, 24, 40.5}, outer.apply(X), 1e-12, 2, 2);
            Graph g = outer.lower(X);
            assertTrue(g.parameters().size() == 2, "the closed-over array is a parameter of the graph:\n" + g);
        }
    }

    @Test
    void makeJaxprPrintsTheStableTextForm() {
        Graph g = makeJaxpr((Array x) -> nn.relu(np.add(np.matmul(x, x), 1.0)), np.zeros(2, 2));
        String text = GraphText.print(g);
        assertTrue(text.contains("matmul") && text.contains("relu") && text.contains("f32[2,2]"), text);
        assertEquals(g, GraphText.parse(text));
    }

    @Test
    void errorsInsideJitNameTheOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> jit((Array x) -> np.matmul(x, np.ones(3, 5))).apply(np.ones(2, 4)));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2,4]") && e.getMessage().contains("[3,5]"), e.getMessage());
        ShapeException eager = assertThrows(ShapeException.class, () -> np.matmul(np.ones(2, 4), np.ones(3, 5)));
        assertEquals(eager.getMessage(), e.getMessage(), "the same error as eager evaluation");
        TriadException read = assertThrows(TriadException.class, () -> jit((Array x) -> np.scalar(x.item())).apply(np.ones(1)));
        assertTrue(read.getMessage().contains("traced by jit") && read.getMessage().contains("f32[1]"), read.getMessage());
    }

    @Test
    void jitOfTransformations() {
        Function<Array, Array> f = x -> np.sum(np.tanh(x));
        Check.same(grad(f).apply(X), jit(grad(f)).apply(X), 1e-12);
        Check.same(vmap(f).apply(X), jit(vmap(f)).apply(X), 1e-12);
        Check.same(grad(grad((Array x) -> np.sum(np.power(x, 3.0)))).apply(np.scalar(2.0, DType.F64)),
                jit(grad(grad((Array x) -> np.sum(np.power(x, 3.0))))).apply(np.scalar(2.0, DType.F64)), 1e-12);
        List<Array> outs = jit((Array x) -> List.of(x, np.negative(x), x)).apply(X);
        Check.same(X, outs.get(0), 0);
        Check.same(X, outs.get(2), 0);
    }
}
