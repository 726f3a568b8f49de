package dev.triad.backend.cpu;

import dev.triad.backend.cpu.gen.ChainKernels;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fused groups run by generated kernels ({@code kernels.GeneratedElementwise}) give the
 * interpreter's results: bit for bit for the ops whose vector and scalar forms agree, within
 * two ulp for the transcendental ones (the Vector API computes those with different code
 * before and after the JIT compiles a loop, for fused and unfused kernels alike). Each op is
 * checked in F32 and F64, with a scalar, a row and a column broadcast, a length that is not a
 * multiple of the vector, and a transposed input (the fallback paths).
 */
class GeneratedFusionTest {
    private static final Backend B = CpuTesting.BACKEND;

    private static final List<Primitive> UNARY = List.of(Prims.NEG, Prims.ABS, Prims.SQRT, Prims.RSQRT, Prims.RECIPROCAL, Prims.EXP,
            Prims.LOG, Prims.LOG1P, Prims.EXPM1, Prims.SIN, Prims.COS, Prims.TANH, Prims.LOGISTIC);
    private static final List<Primitive> ARITHMETIC = List.of(Prims.ADD, Prims.SUB, Prims.MUL, Prims.DIV, Prims.MAX, Prims.MIN);
    private static final List<Primitive> COMPARISON = List.of(Prims.EQ, Prims.NE, Prims.LT, Prims.LE, Prims.GT, Prims.GE);
    private static final Set<Primitive> TRANSCENDENTAL = Set.of(Prims.EXP, Prims.LOG, Prims.LOG1P, Prims.EXPM1, Prims.SIN, Prims.COS,
            Prims.TANH, Prims.LOGISTIC);

    /** {x shape, b shape}: a scalar, a row, a column, and equal shapes. */
    private static final long[][][] LAYOUTS = {
        {{1037}, {}},
        {{7, 133}, {133}},
        {{7, 133}, {7, 1}},
        {{3, 50}, {3, 50}},
    };

    @Test
    void everyUnaryOpMatchesTheInterpreter() {
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (Primitive p : UNARY) {
                for (long[][] layout : LAYOUTS) {
                    for (boolean transposed : new boolean[] {false, true}) {
                        if (transposed && layout[0].length < 2) continue;
                        // op(x * 0.5 + b): b broadcast, the op on the group's last step.
                        check(t, layout, transposed, p, (g, x, b) -> g.op(p, Attrs.EMPTY, g.add(g.mul(x, 0.5), b)));
                    }
                }
            }
        }
    }

    @Test
    void everyBinaryOpAndComparisonMatchesTheInterpreter() {
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (Primitive p : ARITHMETIC) {
                for (long[][] layout : LAYOUTS) {
                    check(t, layout, false, p, (g, x, b) -> g.neg(g.op(p, Attrs.EMPTY, g.mul(x, 1.5), b)));
                    check(t, layout, false, p, (g, x, b) -> g.neg(g.op(p, Attrs.EMPTY, b, g.abs(x))));
                }
            }
            for (Primitive p : COMPARISON) {
                for (long[][] layout : LAYOUTS) {
                    // The BOOL value stays inside the group: where(cmp, x, b), and a cast of it back to the lane.
                    check(t, layout, false, p, (g, x, b) -> {
                        Value c = g.op(p, Attrs.EMPTY, g.mul(x, 2.0), b);
                        return g.add(g.where(c, x, b), g.cast(g.cast(g.gt(x, 0.0), DType.BOOL), t));
                    });
                }
            }
        }
    }

    @Test
    void aSignatureIsGeneratedOnce() {
        check(DType.F32, LAYOUTS[0], false, Prims.TANH, (g, x, b) -> g.tanh(g.sub(g.mul(x, 0.75), b)));
        int before = ChainKernels.defined();
        check(DType.F32, LAYOUTS[0], false, Prims.TANH, (g, x, b) -> g.tanh(g.sub(g.mul(x, 0.75), b)));
        assertEquals(before, ChainKernels.defined(), "the same chain compiled again reuses its class");
    }

    @Test
    void groupsWithOpsTheGeneratorLacksStillFuse() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.parameter(new TensorType(DType.F32, Shape.of(100)));
        Graph graph = g.build(g.neg(g.op(Prims.FLOOR, Attrs.EMPTY, g.mul(x, 3.0))));
        try (CpuExecutable exe = (CpuExecutable) B.compile(graph)) {
            assertEquals(1, exe.fusedGroups());
            assertEquals(0, exe.generatedGroups(), "floor has no generated form: the run-by-run kernel takes the group");
        }
    }

    /** Builds a graph from the op. */
    private interface Chain {
        Value build(GraphBuilder g, Value x, Value b);
    }

    private static void check(DType t, long[][] layout, boolean transposed, Primitive p, Chain chain) {
        long[] xShape = layout[0].clone(), bShape = layout[1];
        if (transposed) {
            long s = xShape[0];
            xShape[0] = xShape[1];
            xShape[1] = s;
        }
        GraphBuilder g = new GraphBuilder();
        Value x = g.parameter(new TensorType(t, Shape.of(xShape)));
        Value b = g.parameter(new TensorType(t, Shape.of(bShape)));
        Graph graph = g.build(chain.build(g, transposed ? g.transposeLast2(x) : x, b));
        Random rng = new Random(p.name().hashCode() * 31L + t.ordinal());
        List<HostArray> inputs = List.of(random(rng, t, xShape), random(rng, t, bShape));
        String what = p.name() + " " + t + " x" + Shape.of(xShape) + " b" + Shape.of(bShape) + (transposed ? " transposed" : "");
        try (CpuExecutable exe = (CpuExecutable) B.compile(graph)) {
            assertEquals(1, exe.generatedGroups(), "generated groups of " + what + ":\n" + graph);
            double[] got = run(exe, inputs), expected = run(new Interpreter(B, graph), inputs);
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                if (Double.doubleToLongBits(got[i]) == Double.doubleToLongBits(expected[i])) continue;
                double ulp = t == DType.F32 ? Math.ulp((float) expected[i]) : Math.ulp(expected[i]);
                if (TRANSCENDENTAL.contains(p) && Math.abs(got[i] - expected[i]) <= 2 * ulp) continue;
                fail(what + ": element " + i + " is " + got[i] + ", the interpreter gives " + expected[i]);
            }
        }
    }

    private static HostArray random(Random rng, DType t, long[] shape) {
        double[] v = new double[(int) Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) v[i] = i % 17 == 0 ? 0.0 : rng.nextGaussian() * 2;
        return HostArray.fromDoubles(t, Shape.of(shape), v);
    }

    private static double[] run(Executable exe, List<HostArray> inputs) {
        List<DeviceArray> in = new ArrayList<>();
        for (HostArray h : inputs) in.add(B.upload(h));
        try {
            List<DeviceArray> out = exe.run(in);
            try (DeviceArray r = out.get(0)) {
                return B.download(r).toDoubles();
            }
        } finally {
            for (DeviceArray a : in) a.close();
        }
    }
}
