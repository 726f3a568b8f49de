package dev.triad.spi.graph;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpreterTest {
    private final FakeBackend backend = new FakeBackend();

    private DeviceArray upload(DType t, Shape s, double... v) { return backend.upload(HostArray.fromDoubles(t, s, v)); }

    private double[] values(DeviceArray a) { return backend.download(a).toDoubles(); }

    private long live() { return backend.allocator().stats().liveBytes(); }

    @Test
    void runsTheGraphNodeByNode() {
        Graph g = GraphText.parse("""
                graph(%0: f32[2,3], %1: f32[3]) {
                  %2 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %3 = add(%0, %2) : f32[2,3]
                  %4 = literal f32[3] [1.0, 2.0, 0.5]
                  %5 = mul(%3, %4) : f32[2,3]
                  return (%5, %3)
                }
                """);
        try (DeviceArray x = upload(DType.F32, Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
             DeviceArray b = upload(DType.F32, Shape.of(3), 10, 20, 30)) {
            long baseline = live();
            try (Executable exe = backend.compile(g)) {
                assertInstanceOf(Interpreter.class, exe);
                assertEquals(g.parameterTypes(), exe.inputTypes());
                assertEquals(g.outputTypes(), exe.outputTypes());
                for (int run = 0; run < 2; run++) {
                    List<DeviceArray> out = exe.run(List.of(x, b));
                    assertArrayEquals(new double[] {11, 44, 16.5, 14, 50, 18}, values(out.get(0)));
                    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, values(out.get(1)));
                    out.forEach(DeviceArray::close);
                }
                assertEquals(baseline + 12, live(), "only the literal stays uploaded");
            }
            assertEquals(baseline, live(), "closing the executable frees the literal");
            assertEquals(false, x.isClosed(), "inputs stay the caller's");
        }
        assertEquals(0, live());
    }

    @Test
    void everyOutputIsTheCallersOwnEvenWhenRepeatedOrNotComputed() {
        Graph g = GraphText.parse("""
                graph(%0: f32[2]) {
                  %1 = neg(%0) : f32[2]
                  %2 = literal f32[2] [3.0, 4.0]
                  return (%1, %0, %1, %2, %2)
                }
                """);
        try (DeviceArray x = upload(DType.F32, Shape.of(2), 1, 2); Executable exe = backend.compile(g)) {
            List<DeviceArray> out = exe.run(List.of(x));
            assertEquals(5, out.size());
            assertArrayEquals(new double[] {-1, -2}, values(out.get(0)));
            assertArrayEquals(new double[] {1, 2}, values(out.get(1)));
            assertArrayEquals(new double[] {-1, -2}, values(out.get(2)));
            assertArrayEquals(new double[] {3, 4}, values(out.get(3)));
            // Closing one output leaves its twins and the input usable.
            out.get(0).close();
            out.get(1).close();
            out.get(3).close();
            assertArrayEquals(new double[] {-1, -2}, values(out.get(2)));
            assertArrayEquals(new double[] {1, 2}, values(x));
            assertArrayEquals(new double[] {3, 4}, values(out.get(4)));
            out.forEach(DeviceArray::close);
            List<DeviceArray> again = exe.run(List.of(x));
            assertArrayEquals(new double[] {3, 4}, values(again.get(3)));
            again.forEach(DeviceArray::close);
        }
        assertEquals(0, live());
    }

    @Test
    void intermediatesCloseAfterTheirLastUseAndDeadNodesDoNotRun() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(dev.triad.spi.types.TensorType.of(DType.F32, 256));
        Value v = x;
        for (int i = 0; i < 6; i++) v = b.neg(v);
        b.exp(x); // dead
        Graph g = b.build(v);
        try (DeviceArray in = upload(DType.F32, Shape.of(256), new double[256]); Executable exe = new Interpreter(backend, g)) {
            backend.allocator().resetPeak();
            long before = live();
            List<DeviceArray> out = exe.run(List.of(in));
            assertEquals(6, backend.executed, "the dead exp did not run");
            // At most the input, one intermediate and the result being computed are alive at once.
            assertTrue(backend.allocator().stats().peakLiveBytes() <= before + 2 * 1024, backend.allocator().stats().toString());
            assertEquals(before + 1024, live());
            out.forEach(DeviceArray::close);
            assertEquals(before, live());
        }
        assertEquals(0, live());
    }

    @Test
    void inputsAreCheckedAgainstTheParameters() {
        Graph g = GraphText.parse("graph(%0: f32[2], %1: f32[3]) {\n  return (%0)\n}");
        try (DeviceArray a = upload(DType.F32, Shape.of(2), 1, 2);
             DeviceArray wrongType = upload(DType.F64, Shape.of(3), 1, 2, 3);
             DeviceArray wrongShape = upload(DType.F32, Shape.of(4), 1, 2, 3, 4);
             Executable exe = backend.compile(g)) {
            assertEquals("graph: parameter 1 (%1) expects f32[3] but got f64[3]",
                    assertThrows(DTypeException.class, () -> exe.run(List.of(a, wrongType))).getMessage());
            assertEquals("graph: parameter 1 (%1) expects f32[3] but got f32[4]",
                    assertThrows(ShapeException.class, () -> exe.run(List.of(a, wrongShape))).getMessage());
            assertEquals("graph: got 1 input(s); the graph has 2 parameter(s) [f32[2], f32[3]]",
                    assertThrows(ArityException.class, () -> exe.run(List.of(a))).getMessage());
        }
    }

    @Test
    void aFailingOpFreesWhatTheRunMade() {
        Graph g = GraphText.parse("""
                graph(%0: f32[2]) {
                  %1 = neg(%0) : f32[2]
                  %2 = sin(%1) : f32[2]
                  %3 = add(%1, %2) : f32[2]
                  return (%3)
                }
                """);
        try (DeviceArray x = upload(DType.F32, Shape.of(2), 1, 2); Executable exe = backend.compile(g)) {
            long before = live();
            UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> exe.run(List.of(x)));
            assertEquals("sin", e.op());
            assertEquals(before, live());
        }
        assertEquals(0, live());
    }

    @Test
    void aClosedExecutableRefusesToRun() {
        Graph g = GraphText.parse("graph(%0: f32[2]) {\n  return (%0)\n}");
        Executable exe = backend.compile(g);
        exe.close();
        exe.close();
        assertThrows(IllegalStateException.class, () -> exe.run(List.of()));
    }
}
