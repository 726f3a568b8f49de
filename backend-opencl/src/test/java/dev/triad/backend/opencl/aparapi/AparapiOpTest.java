package dev.triad.backend.opencl.aparapi;

import dev.triad.backend.opencl.OpenClBackend;
import dev.triad.backend.opencl.OpenClBackendProvider;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.custom.CustomOps;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.DuplicateOpException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aparapi custom ops: binding of F32/F64/I32 fields, elementwise and index-space ranges, the
 * execution mode read from Aparapi's reports, the fallback policies and declaration errors.
 * Tests that need the OpenCL device skip, printing why, when Aparapi sees none.
 */
class AparapiOpTest {
    static void requireOpenCl() {
        String why = AparapiOps.whyNoOpenCl();
        if (!why.isEmpty()) System.out.println("AparapiOpTest: skipping an OpenCL test: " + why);
        Assumptions.assumeTrue(why.isEmpty(), why);
    }

    private static HostArray run(AparapiOp op, HostArray... inputs) {
        List<TensorType> types = new java.util.ArrayList<>();
        for (HostArray h : inputs) types.add(h.type());
        TensorType result = op.op().inferType(types, Attrs.EMPTY);
        return op.op().hostKernel().run(List.of(inputs), result);
    }

    private static HostArray iotaF32(int n, double scale, long... dims) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (i - n / 2.0) * scale;
        return HostArray.fromDoubles(DType.F32, Shape.of(dims), v);
    }

    @Test
    void elementwiseF32RunsOnTheOpenClDeviceAndSaysSo() {
        requireOpenCl();
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_axpb", new TestKernels.Axpb()).inputs("x").output("out").build()) {
            assertEquals(null, op.lastRun());
            HostArray x = iotaF32(1000, 0.01, 10, 100);
            HostArray y = run(op, x);
            float[] xs = x.toFloats(), ys = y.toFloats();
            for (int i = 0; i < xs.length; i++) assertEquals(2.5f * xs[i] - 1f, ys[i], 1e-6f, "element " + i);
            AparapiRun r = op.lastRun();
            assertEquals(ExecutionMode.OPENCL, r.mode(), r.toString());
            assertEquals(List.of(1000), r.globalSize());
            assertEquals("", r.fallbackReason());
            // The device is PoCL's CPU device on our machines: its name is what clinfo lists.
            assertTrue(r.device().equals(AparapiOps.openClDevice().orElseThrow()), r.device());
            System.out.println("AparapiOpTest: " + r);
            assertEquals(1L, op.runCounts().get(ExecutionMode.OPENCL));
            assertTrue(op.report().contains("OPENCL"), op.report());
        }
    }

    @Test
    void f64AndI32FieldsBindTheirDTypes() {
        requireOpenCl();
        try (AparapiOp sq = AparapiOps.elementwise("aparapi_test_sq64", new TestKernels.SquareF64()).inputs("x").output("out").build();
             AparapiOp add = AparapiOps.elementwise("aparapi_test_addi", new TestKernels.AddI32()).inputs("p", "q").output("out").build()) {
            assertEquals(List.of(DType.F64), sq.op().inputDTypes());
            HostArray x = HostArray.fromDoubles(DType.F64, Shape.of(4), 1.5, -2, 1e-3, 3);
            assertArrayEquals(new double[] {2.25, 4, 1e-6, 9}, run(sq, x).toDoubles(), 1e-15);
            HostArray p = HostArray.fromInts(DType.I32, Shape.of(2, 2), 1, 2, 3, 4);
            HostArray q = HostArray.fromInts(DType.I32, Shape.of(2, 2), 10, -20, 30, 0);
            assertArrayEquals(new long[] {31, -58, 93, 4}, run(add, p, q).toLongs());
            assertEquals(ExecutionMode.OPENCL, sq.executionMode());
            assertEquals(ExecutionMode.OPENCL, add.executionMode());
        }
    }

    @Test
    void indexSpaceKernelUsesItsTypeRuleRangeAndSizeFields() {
        requireOpenCl();
        try (AparapiOp t = transpose("aparapi_test_transpose")) {
            HostArray x = iotaF32(12, 1, 3, 4);
            HostArray y = run(t, x);
            assertEquals(Shape.of(4, 3), y.shape());
            float[] xs = x.toFloats(), ys = y.toFloats();
            for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) assertEquals(xs[r * 4 + c], ys[c * 3 + r]);
            assertEquals(List.of(3, 4), t.lastRun().globalSize());
            assertEquals(ExecutionMode.OPENCL, t.executionMode());
        }
    }

    static AparapiOp transpose(String name) {
        return AparapiOps.indexSpace(name, new TestKernels.Transpose(),
                        in -> {
                            if (in.get(0).rank() != 2) throw new ShapeException(name, "input is " + in.get(0) + "; expected a matrix");
                            return TensorType.of(in.get(0).dtype(), in.get(0).shape().dim(1), in.get(0).shape().dim(0));
                        },
                        List.of((in, out) -> in.get(0).shape().dim(0), (in, out) -> in.get(0).shape().dim(1)))
                .inputs("x").output("out")
                .size("rows", (in, out) -> in.get(0).shape().dim(0))
                .size("cols", (in, out) -> in.get(0).shape().dim(1))
                .build();
    }

    @Test
    void allowedFallbackRunsOnJavaAndReportsTheRealModeAndReason() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_alloc_allowed", new TestKernels.AllocatingAllowed())
                .inputs("x").output("out").policy(FallbackPolicy.ALLOW_JAVA_FALLBACK).build()) {
            HostArray y = run(op, HostArray.fromFloats(DType.F32, Shape.of(12), new float[12]));
            float[] ys = y.toFloats();
            for (int i = 0; i < 12; i++) assertEquals(Integer.toString(i).length(), ys[i], "element " + i);
            AparapiRun r = op.lastRun();
            // Aparapi's own isRunningCL() says true here; the profile report says where it ran.
            assertEquals(ExecutionMode.JAVA_THREAD_POOL, r.mode(), r.toString());
            assertTrue(r.mode().isFallback());
            if (AparapiOps.whyNoOpenCl().isEmpty()) {
                assertTrue(r.fallbackReason().contains("new"), "Aparapi's reason names the NEW instruction: " + r.fallbackReason());
            }
            assertTrue(r.toString().contains("fell back because"), r.toString());
            // A second run still says it fell back, and why, though Aparapi no longer logs anything.
            run(op, HostArray.fromFloats(DType.F32, Shape.of(3), new float[3]));
            assertEquals(ExecutionMode.JAVA_THREAD_POOL, op.executionMode());
            assertEquals(r.fallbackReason(), op.lastRun().fallbackReason());
            assertEquals(2L, op.runCounts().get(ExecutionMode.JAVA_THREAD_POOL));
        }
    }

    @Test
    void requiredOpenClThrowsATypedErrorNamingTheOpAndAparapisReason() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_alloc_required", new TestKernels.AllocatingRequired())
                .inputs("x").output("out").build()) {
            assertEquals(FallbackPolicy.REQUIRE_OPENCL, op.policy());
            AparapiFallbackException e = assertThrows(AparapiFallbackException.class,
                    () -> run(op, HostArray.fromFloats(DType.F32, Shape.of(4), new float[4])));
            assertEquals("aparapi_test_alloc_required", e.op());
            assertTrue(e.getMessage().contains("REQUIRE_OPENCL"), e.getMessage());
            if (AparapiOps.whyNoOpenCl().isEmpty()) assertTrue(e.reason().contains("new"), e.reason());
            assertEquals(null, op.lastRun());
        }
    }

    @Test
    void javaThreadPoolPolicyRunsThereOnPurpose() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_plus_one", new TestKernels.PlusOne())
                .inputs("x").output("out").policy(FallbackPolicy.JAVA_THREAD_POOL).build()) {
            assertArrayEquals(new float[] {1, 2, 0.5f}, run(op, HostArray.fromFloats(DType.F32, Shape.of(3), 0, 1, -0.5f)).toFloats());
            assertEquals(ExecutionMode.JAVA_THREAD_POOL, op.executionMode());
            assertEquals("", op.lastRun().fallbackReason());
        }
    }

    @Test
    void aFailingKernelIsATriadErrorNamingTheOp() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_oob", new TestKernels.OutOfBounds())
                .inputs("x").output("out").policy(FallbackPolicy.JAVA_THREAD_POOL).build()) {
            TriadException e = assertThrows(TriadException.class, () -> run(op, HostArray.fromFloats(DType.F32, Shape.of(3), 1, 2, 3)));
            assertEquals("aparapi_test_oob", e.op());
            assertTrue(e.getMessage().contains("range [3]"), e.getMessage());
        }
    }

    @Test
    void wrongInputsAreTypedErrorsAtTheCall() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_wrong", new TestKernels.AddI32()).inputs("p", "q").output("out").build()) {
            TensorType i4 = TensorType.of(DType.I32, 4);
            DTypeException d = assertThrows(DTypeException.class, () -> op.op().inferType(List.of(i4, TensorType.of(DType.F32, 4)), Attrs.EMPTY));
            assertEquals("aparapi_test_wrong", d.op());
            assertTrue(d.getMessage().contains("input 1") && d.getMessage().contains("i32"), d.getMessage());
            ShapeException s = assertThrows(ShapeException.class, () -> op.op().inferType(List.of(i4, TensorType.of(DType.I32, 2, 2)), Attrs.EMPTY));
            assertTrue(s.getMessage().contains("i32[2,2]") && s.getMessage().contains("input 1"), s.getMessage());
            assertThrows(ArityException.class, () -> op.op().inferType(List.of(i4), Attrs.EMPTY));
        }
    }

    @Test
    void kernelFieldsAreCheckedWhenTheOpIsDeclared() {
        TriadException missing = assertThrows(TriadException.class,
                () -> AparapiOps.elementwise("aparapi_test_fields", new TestKernels.Fields()).inputs("y").output("out").build());
        assertTrue(missing.getMessage().contains("no input field called 'y'"), missing.getMessage());
        TriadException wide = assertThrows(TriadException.class,
                () -> AparapiOps.elementwise("aparapi_test_fields", new TestKernels.Fields()).inputs("wide").output("out").build());
        assertTrue(wide.getMessage().contains("long[]"), wide.getMessage());
        TriadException notInt = assertThrows(TriadException.class,
                () -> AparapiOps.elementwise("aparapi_test_fields", new TestKernels.Fields()).inputs("x").output("out").size("notAnInt", (i, o) -> 1).build());
        assertTrue(notInt.getMessage().contains("expected int"), notInt.getMessage());
        assertThrows(TriadException.class, () -> AparapiOps.elementwise("aparapi_test_fields", new TestKernels.Fields()).inputs("x").build());
        assertThrows(TriadException.class, () -> AparapiOps.elementwise("bad name", new TestKernels.Fields()).inputs("x").output("out").build());
    }

    @Test
    void registrationMakesTheNameParseAndDuplicatesAreTypedErrors() {
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_registered", new TestKernels.Axpb()).inputs("x").output("out").register()) {
            assertSame(op.op(), Prims.byName("aparapi_test_registered"));
            assertEquals(null, Prims.builtin("aparapi_test_registered"));
            assertTrue(!Prims.all().contains(op.op()), "Prims.all() stays the built-in set");
            DuplicateOpException dup = assertThrows(DuplicateOpException.class,
                    () -> AparapiOps.elementwise("aparapi_test_registered", new TestKernels.PlusOne()).inputs("x").output("out").register());
            assertEquals("aparapi_test_registered", dup.op());
            assertThrows(DuplicateOpException.class,
                    () -> AparapiOps.elementwise("exp", new TestKernels.PlusOne()).inputs("x").output("out").register());
            GraphBuilder b = new GraphBuilder();
            Value x = b.parameter(TensorType.of(DType.F32, 2, 3));
            Graph g = b.build(b.exp(op.apply(b, x)));
            String text = GraphText.print(g);
            assertTrue(text.contains("aparapi_test_registered(%0)"), text);
            assertEquals(g, GraphText.parse(text));
        }
        assertEquals(null, CustomOps.byName("aparapi_test_registered"), "close() unregisters");
    }

    @Test
    void aClosedOpSaysSo() {
        AparapiOp op = AparapiOps.elementwise("aparapi_test_closed", new TestKernels.PlusOne()).inputs("x").output("out")
                .policy(FallbackPolicy.JAVA_THREAD_POOL).build();
        op.close();
        op.close();
        TriadException e = assertThrows(TriadException.class, () -> run(op, HostArray.fromFloats(DType.F32, Shape.of(1), 1f)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void runsThroughDispatchAndCompiledGraphsOfTheOpenClBackend() {
        requireOpenCl();
        OpenClBackendProvider provider = new OpenClBackendProvider();
        Assumptions.assumeTrue(provider.probe().available(), () -> "no OpenCL device for the Triad backend: " + provider.probe().reason());
        try (AparapiOp op = AparapiOps.elementwise("aparapi_test_on_backend", new TestKernels.Axpb()).inputs("x").output("out").build();
             OpenClBackend backend = (OpenClBackend) provider.open()) {
            HostArray xh = iotaF32(64, 0.05, 8, 8);
            float[] xs = xh.toFloats();
            try (DeviceArray x = backend.upload(xh);
                 DeviceArray t = x.view(x.offset(), Shape.of(8, 8), new long[] {1, 8});
                 DeviceArray y = Dispatch.execute(backend, op.op(), Attrs.EMPTY, List.of(t))) {
                // A transposed (strided) input is downloaded in its logical order.
                float[] ys = backend.download(y).toFloats();
                for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) assertEquals(2.5f * xs[c * 8 + r] - 1f, ys[r * 8 + c], 1e-6f);
            }
            // exp and neg around the custom op would fuse with it if the fusion pass took it for elementwise.
            GraphBuilder b = new GraphBuilder();
            Value p = b.parameter(xh.type());
            Graph g = b.build(b.neg(op.apply(b, b.exp(p))));
            try (Executable e = backend.compile(g); DeviceArray x = backend.upload(xh)) {
                List<DeviceArray> outs = e.run(List.of(x));
                float[] ys = backend.download(outs.get(0)).toFloats();
                outs.get(0).close();
                for (int i = 0; i < xs.length; i++) assertEquals(-(2.5f * (float) Math.exp(xs[i]) - 1f), ys[i], 1e-5f * Math.max(1, Math.abs(ys[i])));
            }
            assertEquals(ExecutionMode.OPENCL, op.executionMode());
            assertEquals(2L, op.runCounts().get(ExecutionMode.OPENCL));
        }
    }
}
