package dev.triad.spi.custom;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.DuplicateOpException;
import dev.triad.spi.error.NotDifferentiableException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.graph.Value;
import dev.triad.spi.graph.passes.FusionGrouping;
import dev.triad.spi.graph.passes.FusionPlan;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The custom-op declaration, registry and rules, symbolically (no backend): numbers are checked in the conformance tests. */
class CustomOpTest {
    /** Host kernel that must not run in these tests. */
    private static final HostKernel UNUSED = (in, t) -> { throw new AssertionError("no kernel runs in these tests"); };

    private static final CustomVjp TWICE = new CustomVjp() {
        @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y, T g) { return List.of(ops.mul(g, 2.0)); }
    };

    private static CustomOp twice(String name) {
        return CustomOp.builder(name).elementwise(1).host(UNUSED).vjp(TWICE).build();
    }

    private static CustomOp rowSum(String name) {
        return CustomOp.builder(name)
                .indexSpace(1, in -> {
                    if (in.get(0).rank() != 2) throw new ShapeException(name, "input is " + in.get(0) + "; expected a matrix");
                    return TensorType.of(in.get(0).dtype(), in.get(0).shape().dim(0));
                })
                .host(UNUSED)
                .build();
    }

    @Test
    void declarationsAreCheckedWhenBuilt() {
        assertThrows(TriadException.class, () -> CustomOp.builder("has space"));
        assertThrows(TriadException.class, () -> CustomOp.builder("9lives"));
        assertThrows(TriadException.class, () -> CustomOp.builder("k").host(UNUSED).build(), "no kind");
        assertThrows(TriadException.class, () -> CustomOp.builder("k").elementwise(1).build(), "no host kernel");
        assertThrows(TriadException.class, () -> CustomOp.builder("k").elementwise(0));
        assertThrows(TriadException.class, () -> CustomOp.builder("k").elementwise(1).indexSpace(1, in -> in.get(0)));
        TriadException dtypes = assertThrows(TriadException.class,
                () -> CustomOp.builder("k").elementwise(2).inputDTypes(DType.F32).host(UNUSED).build());
        assertTrue(dtypes.getMessage().contains("one per input"), dtypes.getMessage());
        CustomOp op = twice("k");
        assertEquals(Primitive.Category.CUSTOM, op.category());
        assertFalse(op.isElementwise(), "custom ops must not look elementwise to fusion");
        assertTrue(op.hasVjp());
        assertTrue(op.hasJvp(), "elementwise with a VJP derives its JVP");
        assertFalse(rowSum("r").hasVjp());
        assertFalse(rowSum("r").hasJvp());
    }

    @Test
    void registrationMakesTheOpVisibleByNameAndRejectsDuplicates() {
        CustomOp op = twice("custom_test_twice");
        CustomOps.register(op);
        try {
            assertSame(op, Prims.byName("custom_test_twice"));
            assertSame(op, CustomOps.byName("custom_test_twice"));
            assertTrue(CustomOps.all().contains(op));
            assertFalse(Prims.all().contains(op));
            DuplicateOpException again = assertThrows(DuplicateOpException.class, () -> CustomOps.register(twice("custom_test_twice")));
            assertEquals("custom_test_twice", again.op());
            DuplicateOpException builtin = assertThrows(DuplicateOpException.class, () -> CustomOps.register(twice("matmul")));
            assertTrue(builtin.getMessage().contains("built-in"), builtin.getMessage());
        } finally {
            assertTrue(CustomOps.unregister(op));
        }
        assertNull(Prims.byName("custom_test_twice"));
        assertFalse(CustomOps.unregister(op));
    }

    @Test
    void shapeRulesGiveTypedErrorsNamingTheOp() {
        CustomOp add = CustomOp.builder("custom_test_add").elementwise(2).inputDTypes(DType.F32, DType.F32).host(UNUSED).build();
        assertEquals(TensorType.of(DType.F32, 2, 3), add.inferType(List.of(TensorType.of(DType.F32, 2, 3), TensorType.of(DType.F32, 2, 3)), Attrs.EMPTY));
        ShapeException s = assertThrows(ShapeException.class,
                () -> add.inferType(List.of(TensorType.of(DType.F32, 2, 3), TensorType.of(DType.F32, 3)), Attrs.EMPTY));
        assertEquals("custom_test_add", s.op());
        DTypeException d = assertThrows(DTypeException.class,
                () -> add.inferType(List.of(TensorType.of(DType.F32, 3), TensorType.of(DType.F64, 3)), Attrs.EMPTY));
        assertTrue(d.getMessage().contains("input 1"), d.getMessage());
        assertThrows(ArityException.class, () -> add.inferType(List.of(TensorType.of(DType.F32, 3)), Attrs.EMPTY));
        CustomOp rs = rowSum("custom_test_rowsum");
        assertEquals(TensorType.of(DType.F64, 4), rs.inferType(List.of(TensorType.of(DType.F64, 4, 5)), Attrs.EMPTY));
        assertThrows(ShapeException.class, () -> rs.inferType(List.of(TensorType.of(DType.F64, 4)), Attrs.EMPTY));
        CustomOp declared = CustomOp.builder("custom_test_declared").indexSpace(1, in -> in.get(0)).resultDType(DType.I32).host(UNUSED).build();
        assertThrows(DTypeException.class, () -> declared.inferType(List.of(TensorType.of(DType.F32, 2)), Attrs.EMPTY));
    }

    @Test
    void graphTextPrintsAndParsesARegisteredOp() {
        CustomOp rs = rowSum("custom_test_rowsum_text");
        CustomOps.register(rs);
        try {
            GraphBuilder b = new GraphBuilder();
            Value x = b.parameter(TensorType.of(DType.F32, 3, 4));
            Graph g = b.build(b.exp(rs.apply(b, x)));
            String text = GraphText.print(g);
            assertTrue(text.contains("= custom_test_rowsum_text(%0) : f32[3]"), text);
            assertEquals(g, GraphText.parse(text));
        } finally {
            CustomOps.unregister(rs);
        }
    }

    @Test
    void derivativeRulesAreTheUsersOrATypedError() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 3));
        CustomOp op = twice("custom_test_d");
        Value y = op.apply(b, x);
        List<Value> ct = op.vjp(b, List.of(x), y, b.onesLike(y), Attrs.EMPTY);
        assertEquals(1, ct.size());
        assertEquals(TensorType.of(DType.F32, 3), ct.get(0).type());
        // Derived JVP: one VJP per input, applied to that input's tangent.
        assertEquals(TensorType.of(DType.F32, 3), op.jvp(b, List.of(x), y, List.of(b.onesLike(x)), Attrs.EMPTY).type());

        CustomOp rs = rowSum("custom_test_nd");
        Value m = b.parameter(TensorType.of(DType.F32, 2, 3));
        Value r = rs.apply(b, m);
        NotDifferentiableException nd = assertThrows(NotDifferentiableException.class, () -> rs.vjp(b, List.of(m), r, r, Attrs.EMPTY));
        assertEquals("custom_test_nd", nd.op());
        assertTrue(nd.getMessage().contains("without a VJP"), nd.getMessage());
        assertThrows(NotDifferentiableException.class, () -> rs.jvp(b, List.of(m), r, List.of(m), Attrs.EMPTY));

        CustomOp wrongCount = CustomOp.builder("custom_test_count").elementwise(1).host(UNUSED).vjp(new CustomVjp() {
            @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y2, T g) { return List.of(g, g); }
        }).build();
        assertThrows(TriadException.class, () -> wrongCount.vjp(b, List.of(x), x, x, Attrs.EMPTY));
        CustomOp wrongShape = CustomOp.builder("custom_test_shape").elementwise(1).host(UNUSED).vjp(new CustomVjp() {
            @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y2, T g) { return List.of(ops.sum(g)); }
        }).build();
        assertThrows(ShapeException.class, () -> wrongShape.vjp(b, List.of(x), x, x, Attrs.EMPTY));
    }

    @Test
    void batchingRulesGiveTheBatchedTypes() {
        GraphBuilder b = new GraphBuilder();
        CustomOp add = CustomOp.builder("custom_test_badd").elementwise(2).host(UNUSED).build();
        // x batched along axis 1 (batch 5), y not batched: one call over [5, 3].
        Value x = b.parameter(TensorType.of(DType.F32, 3, 5));
        Value y = b.parameter(TensorType.of(DType.F32, 3));
        Batched<Value> r = add.batch(b, List.of(x, y), new int[] {1, Batched.NOT_BATCHED}, Attrs.EMPTY);
        assertEquals(0, r.batchDim());
        assertEquals(TensorType.of(DType.F32, 5, 3), r.value().type());
        long calls = b.snapshot(List.of(r.value())).nodes().stream().filter(n -> n.kind() == dev.triad.spi.graph.Node.Kind.OP && n.primitive() == add).count();
        assertEquals(1, calls);
        // Index space: a loop over the batch, one call per element.
        CustomOp rs = rowSum("custom_test_brs");
        Value m = b.parameter(TensorType.of(DType.F32, 4, 2, 3));
        Batched<Value> s = rs.batch(b, List.of(m), new int[] {0}, Attrs.EMPTY);
        assertEquals(TensorType.of(DType.F32, 4, 2), s.value().type());
        long loops = b.build(s.value()).nodes().stream().filter(n -> n.kind() == dev.triad.spi.graph.Node.Kind.OP && n.primitive() == rs).count();
        assertEquals(4, loops);
    }

    @Test
    void fusionNeverGroupsACustomOp() {
        GraphBuilder b = new GraphBuilder();
        CustomOp op = twice("custom_test_fuse");
        Value x = b.parameter(TensorType.of(DType.F32, 8));
        Graph g = b.build(b.neg(b.abs(op.apply(b, b.exp(b.sin(x))))));
        FusionPlan plan = FusionGrouping.of(g);
        int customId = -1;
        for (var n : g.nodes()) if (n.kind() == dev.triad.spi.graph.Node.Kind.OP && n.primitive() == op) customId = n.id();
        assertEquals(2, plan.groups().size(), plan.toString());
        assertEquals(-1, plan.groupOf(customId), plan.toString());
    }

    @Test
    void hostKernelResultTypeIsChecked() {
        CustomOp op = CustomOp.builder("custom_test_host").elementwise(1)
                .host((in, t) -> HostArray.zeros(DType.F64, Shape.of(1))).build();
        assertEquals(CustomOp.Kind.ELEMENTWISE, op.kind());
        // runOnHost needs a backend; the check itself is exercised through Dispatch in the conformance tests.
        assertEquals(DType.F64, op.hostKernel().run(List.of(), TensorType.of(DType.F32, 1)).dtype());
    }
}
