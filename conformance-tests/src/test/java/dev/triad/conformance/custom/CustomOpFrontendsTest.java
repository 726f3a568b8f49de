package dev.triad.conformance.custom;

import dev.triad.backend.cpu.CpuBackendProvider;
import dev.triad.eager.EagerOps;
import dev.triad.eager.Tensor;
import dev.triad.functional.Platform;
import dev.triad.functional.Transforms;
import dev.triad.functional.lax;
import dev.triad.functional.np;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.custom.CustomOp;
import dev.triad.spi.custom.CustomOps;
import dev.triad.spi.custom.CustomVjp;
import dev.triad.spi.error.NotDifferentiableException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.ConstantFolding;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom ops with plain Java host kernels on the CPU backend, through the eager, graph and
 * functional front-ends (F64, so finite differences are tight), plus what must not happen to
 * them: folding at compile time, and gradients through an op declared without a VJP.
 */
class CustomOpFrontendsTest {
    private static Backend cpu;
    private static CustomOp cube, rowSum, noVjp;

    /** y = x^3, any floating dtype. */
    static CustomOp cube(String name) {
        return CustomOp.builder(name).elementwise(1)
                .host((in, t) -> {
                    double[] v = in.get(0).toDoubles();
                    for (int i = 0; i < v.length; i++) v[i] = v[i] * v[i] * v[i];
                    return HostArray.fromDoubles(t.dtype(), t.shape(), v);
                })
                .vjp(new CustomVjp() {
                    @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y, T g) {
                        return List.of(ops.mul(g, ops.mul(ops.square(in.get(0)), 3.0)));
                    }
                })
                .description("x^3 on the host")
                .build();
    }

    /** The VJP of a row sum: the row's cotangent broadcast over its columns. */
    static final CustomVjp ROW_SUM_VJP = new CustomVjp() {
        @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y, T g) {
            return List.of(ops.broadcastTo(ops.expandDims(g, 1), ops.shape(in.get(0))));
        }
    };

    static TensorType rowSumType(String name, List<TensorType> in) {
        if (in.get(0).rank() != 2) throw new ShapeException(name, "input is " + in.get(0) + "; expected a matrix [rows, cols]");
        return TensorType.of(in.get(0).dtype(), in.get(0).shape().dim(0));
    }

    @BeforeAll
    static void setUp() {
        cpu = new CpuBackendProvider().open();
        cube = cube("frontends_cube");
        CustomOps.register(cube);
        rowSum = CustomOp.builder("frontends_rowsum")
                .indexSpace(1, in -> rowSumType("frontends_rowsum", in))
                .host((in, t) -> HostArray.fromDoubles(t.dtype(), t.shape(), FrontendCases.rowSums(in.get(0))))
                .vjp(ROW_SUM_VJP)
                .register();
        noVjp = CustomOp.builder("frontends_no_vjp").elementwise(1).host((in, t) -> in.get(0)).register();
    }

    @AfterAll
    static void tearDown() {
        for (CustomOp op : new CustomOp[] {cube, rowSum, noVjp}) if (op != null) CustomOps.unregister(op);
        if (cpu != null) cpu.close();
    }

    @Test
    void eagerGraphAndFunctionalAgreeWithFiniteDifferences() {
        new FrontendCases(cpu, DType.F64, cube, x -> x * x * x, rowSum, 1e-6, 1e-6).checkAll();
    }

    @Test
    void theGraphFrontEndNeedsTheRegisteredOp() {
        dev.triad.graph.GraphBuilder g = new dev.triad.graph.GraphBuilder();
        Output x = g.placeholder("x", DType.F64, 3);
        // Same name as a registered op but another object: it must not silently run the registered one.
        CustomOp impostor = cube("frontends_cube");
        dev.triad.spi.error.GraphException e = assertThrows(dev.triad.spi.error.GraphException.class, () -> impostor.apply(g, x));
        assertTrue(e.getMessage().contains("CustomOps.register"), e.getMessage());
        assertThrows(dev.triad.spi.error.GraphException.class, () -> cube("frontends_unregistered").apply(g, x));
    }

    @Test
    void badInputIsATypedErrorAtTheEagerCall() {
        try (Tensor v = Tensor.fromHost(HostArray.fromDoubles(DType.F64, Shape.of(3), 1, 2, 3), cpu)) {
            ShapeException e = assertThrows(ShapeException.class, () -> rowSum.apply(EagerOps.of(cpu), v));
            assertEquals("frontends_rowsum", e.op());
            assertTrue(e.getMessage().contains("expected a matrix"), e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try") // the backend choice acts by being open
    void anOpWithoutAVjpRaisesNotDifferentiableInEveryFrontEnd() {
        HostArray x = HostArray.fromDoubles(DType.F64, Shape.of(2), 0.5, -1);
        try (Tensor xt = Tensor.fromHost(x, cpu).requiresGrad_(true);
             Tensor y = noVjp.apply(EagerOps.of(cpu), xt);
             Tensor loss = y.sum()) {
            NotDifferentiableException e = assertThrows(NotDifferentiableException.class, loss::backward);
            assertEquals("frontends_no_vjp", e.op());
        }
        dev.triad.graph.GraphBuilder g = new dev.triad.graph.GraphBuilder();
        Output xp = g.placeholder("x", DType.F64, 2);
        Output grad = g.gradients(g.sum(noVjp.apply(g, xp)), List.of(xp)).get(0);
        try (Session s = new Session(g, cpu)) {
            TriadException e = assertThrows(TriadException.class, () -> s.run(grad, Map.of(xp, x)));
            assertTrue(causedByNotDifferentiable(e), "graph gradients: " + e);
        }
        try (var ignored = Platform.use(cpu)) {
            TriadException e = assertThrows(TriadException.class,
                    () -> Transforms.grad((dev.triad.functional.Array a) -> np.sum(lax.bind(noVjp, Attrs.EMPTY, a))).apply(np.asarray(x)));
            assertTrue(causedByNotDifferentiable(e), "functional grad: " + e);
        }
    }

    private static boolean causedByNotDifferentiable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NotDifferentiableException n && "frontends_no_vjp".equals(n.op())) return true;
        }
        return false;
    }

    @Test
    void compiledGraphsRunTheHostKernelAndNeverFoldIt() {
        GraphBuilder b = new GraphBuilder();
        HostArray lit = HostArray.fromDoubles(DType.F64, Shape.of(4), 1, -2, 0.5, 3);
        Value p = b.parameter(TensorType.of(DType.F64, 4));
        // A constant input, and elementwise neighbours the CPU backend fuses.
        Graph g = b.build(b.add(b.neg(cube.apply(b, b.exp(b.literal(lit)))), p));
        Graph folded = new ConstantFolding(cpu).apply(g);
        long customs = folded.nodes().stream().filter(n -> n.kind() == Node.Kind.OP && n.primitive() == cube).count();
        assertEquals(1, customs, "constant folding must leave the custom op to run time");
        HostArray ph = HostArray.fromDoubles(DType.F64, Shape.of(4), 0.25, 0.5, 0.75, 1);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) expected[i] = -Math.pow(Math.exp(lit.getDouble(i)), 3) + ph.getDouble(i);
        for (Executable e : new Executable[] {cpu.compile(folded), new Interpreter(cpu, folded)}) {
            try (e; DeviceArray in = cpu.upload(ph)) {
                List<DeviceArray> out = e.run(List.of(in));
                assertArrayEquals(expected, cpu.download(out.get(0)).toDoubles(), 1e-9 * 1e4);
                out.get(0).close();
            }
        }
    }
}
