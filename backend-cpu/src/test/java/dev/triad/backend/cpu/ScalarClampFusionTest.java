package dev.triad.backend.cpu;

import dev.triad.backend.cpu.gen.ChainKernels;
import dev.triad.backend.cpu.gen.ChainOp;
import dev.triad.backend.cpu.gen.ChainSignature;
import dev.triad.backend.cpu.gen.ChainStep;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Value;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A max or min against one value (a ReLU, a clamp) runs in fused kernels as a compare and a
 * blend when that value is neither NaN nor -0.0, and as the general max/min otherwise; both
 * give the interpreter's result bit for bit, the sign of zero and NaN included. One compiled
 * graph is fed every bound, so the choice is made per call.
 */
class ScalarClampFusionTest {
    private static final Backend B = CpuTesting.BACKEND;
    private static final double[] BOUNDS = {0.0, -0.0, Double.NaN, 0.75, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final double[] SPECIAL = {Double.NaN, 0.0, -0.0, 0.75, -0.75, -1.5, 1.5, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e-30, -1e-30};

    private record Case(String name, BiFunction<GraphBuilder, Value[], Value> body) {}

    private static final List<Case> CASES = List.of(
            new Case("max(x, b)", (g, v) -> g.neg(g.max(g.mul(v[0], 1.0), v[1]))),
            new Case("max(b, x)", (g, v) -> g.neg(g.max(v[1], g.mul(v[0], 1.0)))),
            new Case("min(x, b)", (g, v) -> g.neg(g.min(g.mul(v[0], 1.0), v[1]))),
            new Case("min(b, x)", (g, v) -> g.neg(g.min(v[1], g.mul(v[0], 1.0)))),
            new Case("sum(max(x, b))", (g, v) -> g.sum(g.max(g.mul(v[0], 1.0), v[1]))),
            new Case("rows of min(x, b)", (g, v) -> g.sum(g.min(g.mul(v[0], 1.0), v[1]), new int[] {1}, false)));

    @Test
    void clampsMatchTheInterpreterForEveryBoundAndInput() {
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (Case c : CASES) {
                boolean rows = c.name().startsWith("rows");
                long[] shape = rows ? new long[] {7, 53} : new long[] {1031};
                GraphBuilder g = new GraphBuilder();
                Value x = g.parameter(new TensorType(t, Shape.of(shape)));
                Value b = g.parameter(new TensorType(t, Shape.of()));
                Graph graph = g.build(c.body().apply(g, new Value[] {x, b}));
                HostArray xs = inputs(t, shape);
                try (Executable exe = B.compile(graph); Executable ref = new Interpreter(B, graph)) {
                    for (double bound : BOUNDS) {
                        List<HostArray> in = List.of(xs, HostArray.fromDoubles(t, Shape.of(), bound));
                        double[] got = run(exe, in), expected = run(ref, in);
                        for (int i = 0; i < got.length; i++) {
                            // doubleToLongBits tells -0.0 from 0.0 and folds every NaN into one.
                            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(expected[i])) {
                                fail(c.name() + " " + t + " with b = " + bound + ": element " + i + " is " + got[i] + ", the interpreter gives " + expected[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSafeBoundUsesTheCompareAndBlend() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.parameter(new TensorType(DType.F32, Shape.of(301)));
        Graph graph = g.build(g.neg(g.min(g.abs(g.max(g.mul(x, 1.5), 0.0)), 6.0)));
        try (Executable exe = B.compile(graph)) {
            run(exe, List.of(inputs(DType.F32, new long[] {301})));
        }
        assertTrue(ChainKernels.signatures().stream().anyMatch(s -> uses(s, ChainOp.MAX_SCALAR) && uses(s, ChainOp.MIN_SCALAR)),
                "a ReLU6-like chain should be generated with MAX_SCALAR and MIN_SCALAR: " + ChainKernels.signatures());
    }

    private static boolean uses(ChainSignature s, ChainOp op) {
        for (ChainStep step : s.steps()) if (step.op() == op) return true;
        return false;
    }

    private static HostArray inputs(DType t, long[] shape) {
        int n = (int) Shape.of(shape).numel();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i < SPECIAL.length * 3 ? SPECIAL[i % SPECIAL.length] : Math.sin(i) * 3;
        return HostArray.fromDoubles(t, Shape.of(shape), v);
    }

    private static double[] run(Executable exe, List<HostArray> inputs) {
        List<DeviceArray> in = new ArrayList<>();
        for (HostArray h : inputs) in.add(B.upload(h));
        try (DeviceArray r = exe.run(in).get(0)) {
            return B.download(r).toDoubles();
        } finally {
            for (DeviceArray a : in) a.close();
        }
    }
}
